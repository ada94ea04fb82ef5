using System.Diagnostics;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Telemetry;
using CovalentBond.Publishing.Theme;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Republishing;

/// <summary>
/// The full republish: every page of the site rendered again from the index with the current theme and
/// settings, fanned out as queue messages of <see cref="RepublishOptions.BatchSize"/> pages so that the
/// Functions scale out across instances. Progress lives in the job store, one row per batch: a batch
/// delivered twice, or a job resumed after an interruption, does not redo finished batches, and a page
/// whose bytes are already right is never written again.
/// </summary>
public sealed partial class SiteRepublisher(
    IPostIndex index,
    ISourceCache sourceCopies,
    ISiteStore siteFiles,
    SiteUpdater updater,
    IRepublishJobStore jobs,
    IRepublishDispatcher dispatcher,
    IThemeSource themes,
    CurrentTheme current,
    SiteOptions site,
    RepublishOptions options,
    TimeProvider clock,
    ILogger<SiteRepublisher> logger,
    IEnumerable<IPostChangeListener> listeners)
{
    private readonly SiteUpdater republisher = updater.ForRepublish();

    /// <summary>
    /// A job not finished this long after it started is taken as abandoned (its messages lost): a new start may go ahead.
    /// Beyond any job's time: batches are retried for minutes, then parked, and 10,000 posts take seconds.
    /// </summary>
    internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(2);

    /// <summary>
    /// Plans the job, records it with all its batches, then queues them. One full republish at a time: while one is
    /// running, a start answers with it (a second job beside it would render every page twice).
    /// </summary>
    public Task<RepublishStatus> StartAsync(string reason, CancellationToken cancellationToken) => StartAsync(reason, queue: true, cancellationToken);

    /// <summary>
    /// A whole republish in this process, its batches one after another instead of queued: for <c>covalent dev</c>,
    /// which runs no queue workers. The same plan, batches, pages and job record as a queued one; a batch that fails is
    /// recorded as failed (and parked) at once, as on its last attempt.
    /// </summary>
    public async Task<RepublishStatus> RunHereAsync(string reason, CancellationToken cancellationToken)
    {
        var job = await StartAsync(reason, queue: false, cancellationToken);
        foreach (var batch in await jobs.BatchesAsync(job.JobId, cancellationToken))
        {
            if (batch.State == BatchState.Pending)
            {
                await ProcessAsync(new BatchMessage(job.JobId, batch.Number, job.Fingerprint), options.MaxAttempts, cancellationToken);
            }
        }

        return (await jobs.StatusAsync(job.JobId, cancellationToken))!;
    }

    private async Task<RepublishStatus> StartAsync(string reason, bool queue, CancellationToken cancellationToken)
    {
        if (await jobs.StatusAsync(null, cancellationToken) is { IsFinished: false } running && clock.GetUtcNow() - running.StartedAt < AbandonedAfter)
        {
            LogAlreadyRunning(logger, running.JobId, reason);
            return running;
        }

        // Its events say where the plan's time goes (records and listing, theme files, rows, queue).
        using var activity = PublishingTelemetry.Source.StartActivity("republish.plan");

        // The newest theme: a site owner who uploaded one and asks for a republish wants it used.
        var theme = await themes.LoadAsync(cancellationToken);
        current.Replace(theme);
        var fingerprint = SiteFingerprint.Of(theme, site);

        var now = clock.GetUtcNow();
        var jobId = $"{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        // Articles that moved with Site:Permalink leave a redirect at their old address.
        var previous = await jobs.LastPermalinkAsync(cancellationToken) is { } last && last != site.Articles.Pattern ? Pages.Permalink.Parse(last) : null;
        // Rendering as the last republish did, and that one finished: pages of an unchanged index state are right already.
        var lastJob = await jobs.StatusAsync(null, cancellationToken);
        var sameRendering = lastJob is { IsFinished: true, Failed: 0 } && lastJob.Fingerprint == fingerprint
            && await jobs.LastFingerprintAsync(cancellationToken) == fingerprint;

        // The records (the index) and what the site holds now (blob storage) are read side by side: the listing,
        // a few thousand files a request, lets each batch compare its articles with it instead of reading them
        // one by one. The images' variants, which may be many more, are not kept.
        var records = new Dictionary<string, PostRecord>(StringComparer.Ordinal);
        var planning = WholeSite.PlanAsync(index, cancellationToken, previous, site, records);

        // After a theme or settings change every page is written again, each upload conditional on the ETag it names:
        // what the last republish's batches left (their ledgers) serves as well as a listing, one query instead of a
        // walk over every file of the site. A page changed or removed since only fails its condition and is read on
        // its own; a page the ledgers do not know is read on its own. (With nothing changed the job lists the site:
        // there a page is skipped on what is known of it, and only a listing sees a page that went missing.)
        var left = !sameRendering && lastJob is { IsFinished: true, Failed: 0 } ? await jobs.LeftAsync(lastJob.JobId, cancellationToken) : null;
        var listing = left is null ? ListPagesAsync(cancellationToken) : Task.FromResult<List<DeployedPage>?>([.. left]);
        await Task.WhenAll(planning, listing);
        var groups = await planning;

        // Posts indexed before author pages existed join their authors' lists before those pages are rendered.
        if (await AuthorLists.CompleteAsync(index, records.Values, cancellationToken) is > 0 and var completed)
        {
            activity?.AddEvent(new System.Diagnostics.ActivityEvent("author lists completed", tags: new() { ["records"] = completed }));
        }
        var articleFiles = records.Values.ToDictionary(r => r.Slug, r => (File: site.ArticleFile(r.Slug, r.Date), r.Version), StringComparer.Ordinal);
        if (left is not null && !KnowsMostOf(left, articleFiles.Values.Select(a => a.File)))
        {
            // Too many new articles since (each would be read on its own): a listing costs less.
            (left, listing) = (null, ListPagesAsync(cancellationToken));
        }

        activity?.AddEvent(new ActivityEvent(left is null ? "read" : "read (ledgers)"));

        // Kept: the articles, the theme's files, the files at the top level (the home page, feeds, sitemap index) and
        // those in the list pages' folders.
        var themeFiles = await republisher.ThemeFilesAsync();
        var wanted = articleFiles.Values.Select(a => a.File).Concat(themeFiles.Select(f => f.Path)).ToHashSet(StringComparer.Ordinal);
        var deployed = new Dictionary<string, DeployedPage>(StringComparer.Ordinal);
        var topLevel = new List<DeployedPage>();
        var inFolders = new List<DeployedPage>();
        // A site the storage cannot list (a file name it cannot list, left by an alias the old code allowed): every batch
        // reads its pages on its own instead of the whole republish failing.
        var known = await listing;
        var whole = known is not null;
        foreach (var page in known ?? [])
        {
            if (wanted.Contains(page.Path))
            {
                deployed[page.Path] = page;
            }

            if (!page.Path.Contains('/', StringComparison.Ordinal))
            {
                topLevel.Add(page);
            }
            else if (ListFolders.Holds(page.Path))
            {
                inFolders.Add(page);
            }
        }

        // What the batch's pages were when the job started: its articles, and for list pages their files at the top
        // level and in their folders. A batch of list pages then lists no folder (in Azurite, a walk over every file
        // of the site for each). Ledgers written before they kept the folders know none of them: the batches list.
        var foldersKept = left is null || inFolders.Count > 0;
        List<DeployedPage> KnownOf(PageKey[] items)
        {
            var ofLists = ListFolders.FilesOf(items);
            return items.OfType<PageKey.Article>()
                .Select(a => articleFiles.TryGetValue(a.Slug, out var article) ? deployed.GetValueOrDefault(article.File) : null)
                .OfType<DeployedPage>()
                .Concat(items.Any(k => k is PageKey.Latest or PageKey.Archives) ? topLevel : [])
                .Concat(foldersKept ? inFolders.Where(f => ofLists(f.Path)) : [])
                .ToList();
        }

        // With the rendering of the last republish, an article listed as rendered from its record's version and the
        // latest list's state now is right already: it is not even queued.
        if (sameRendering)
        {
            var seq = (await index.ListAsync(PostList.Latest, 1, cancellationToken)).Seq;
            bool Right(PageKey key) => key is PageKey.Article a && articleFiles.TryGetValue(a.Slug, out var article)
                && deployed.GetValueOrDefault(article.File) is { Exists: true } page && page.Version == (article.Version * SiteUpdater.SeqsPerVersion) + seq;
            groups = groups.Select(group => (IReadOnlyList<PageKey>)group.Where(k => !Right(k)).ToList()).ToList();
        }

        var batches = groups
            .SelectMany(group => group.Chunk(Math.Max(1, options.BatchSize)))
            .Select((items, i) => new RepublishBatch
            {
                JobId = jobId,
                Number = i + 1,
                Items = items.Select(k => k.ToToken()).ToList(),
                ArticlesListed = left is null && whole,
                TopLevelKept = whole,
                FoldersKept = foldersKept && whole,
                SameRendering = sameRendering,
                // The records just read go with the batch: it need not read them again.
                Records = items.OfType<PageKey.Article>().Select(a => records.GetValueOrDefault(a.Slug)).OfType<PostRecord>().ToList(),
                Deployed = KnownOf(items),
            })
            .ToList();
        var job = new RepublishStatus { JobId = jobId, Reason = reason, StartedAt = now, Fingerprint = fingerprint, Total = batches.Sum(b => b.Items.Count), Batches = batches.Count };

        // The theme's files once for the whole job (the batches leave them out), those the listing shows changed.
        foreach (var file in themeFiles)
        {
            if (deployed.GetValueOrDefault(file.Path) is not { } listed || listed.Hash != ContentHash.Of(file.Content)
                || listed.ContentType != file.ContentType || listed.CacheControl != file.CacheControl)
            {
                await siteFiles.WriteAsync(file, cancellationToken);
            }
        }

        activity?.AddEvent(new ActivityEvent("theme files"));

        // Recorded before anything is queued: a worker never sees a batch the store does not know.
        await jobs.CreateAsync(job, batches, cancellationToken);
        await jobs.SetLastFingerprintAsync(fingerprint, site.Articles.Pattern, cancellationToken);
        activity?.AddEvent(new ActivityEvent("recorded"));
        if (!queue)
        {
            LogStarted(logger, jobId, reason, job.Total, batches.Count);
            return job;
        }

        // The list pages' batches first, and in order: each reads more of the index than a batch of articles, and
        // one queued last would run alone after the others finished (about 2 s at 10,000 posts in Azurite). The
        // articles' batches then go out several at a time. (WholeSite's first group is the posts; the tags and the
        // lists follow it.)
        var postBatches = groups[0].Chunk(Math.Max(1, options.BatchSize)).Count();
        foreach (var batch in batches.Skip(postBatches))
        {
            await dispatcher.SendAsync(new BatchMessage(jobId, batch.Number, fingerprint), cancellationToken);
        }

        await Parallel.ForEachAsync(batches.Take(postBatches), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, token) =>
            await dispatcher.SendAsync(new BatchMessage(jobId, batch.Number, fingerprint), token));

        activity?.AddEvent(new ActivityEvent("queued"));
        activity?.SetTag("covalent.batches", batches.Count);
        LogStarted(logger, jobId, reason, job.Total, batches.Count);
        return job;
    }

    /// <summary>Whether the pages the last republish left hold at least nine in ten of <paramref name="articleFiles"/>.</summary>
    private static bool KnowsMostOf(IReadOnlyList<DeployedPage> left, IEnumerable<string> articleFiles)
    {
        var known = left.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var (all, found) = (0, 0);
        foreach (var file in articleFiles)
        {
            all++;
            found += known.Contains(file) ? 1 : 0;
        }

        return found * 10 >= all * 9;
    }

    /// <summary>The site's files as listed now, without the images' variants under <c>media/</c>.</summary>
    private async Task<List<DeployedPage>?> ListPagesAsync(CancellationToken cancellationToken)
    {
        var pages = new List<DeployedPage>();
        try
        {
            await foreach (var page in siteFiles.DeployedAsync(string.Empty, cancellationToken))
            {
                if (!page.Path.StartsWith(Verifying.MediaVerifier.MediaFolder, StringComparison.Ordinal))
                {
                    pages.Add(page);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnlisted(logger, e);
            return null;
        }

        return pages;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The site could not be listed: the batches read their pages one by one")]
    private static partial void LogUnlisted(ILogger logger, Exception exception);

    /// <summary>
    /// Brings one batch's pages up to date. A batch already finished is skipped. A failure is recorded
    /// and rethrown so the queue retries; on the last attempt the batch is parked with its reason instead.
    /// </summary>
    /// <param name="attempt">The delivery count of the message (1 for the first delivery).</param>
    public async Task ProcessAsync(BatchMessage message, long attempt, CancellationToken cancellationToken)
    {
        var batch = await jobs.GetBatchAsync(message.JobId, message.Batch, cancellationToken);
        if (batch is null)
        {
            LogUnknownBatch(logger, message.JobId, message.Batch);
            return;
        }

        if (batch.State != BatchState.Pending)
        {
            return;
        }

        using var activity = PublishingTelemetry.Source.StartActivity("republish.batch");
        activity?.SetTag("covalent.job", message.JobId);
        activity?.SetTag("covalent.batch", message.Batch);
        activity?.SetTag("covalent.attempt", attempt);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await EnsureRenderingWithAsync(message.Fingerprint, cancellationToken);
            var keys = batch.Items.Select(PageKey.Parse).ToList();
            var snapshot = await BatchSnapshot.ReadAsync(batch, keys, site, index, sourceCopies, siteFiles, cancellationToken);
            using var ledger = PageLedger.Begin();
            var written = await republisher.ForBatch(snapshot).UpdateAsync(keys, null, cancellationToken);
            await jobs.UpdateBatchAsync(
                batch with { State = BatchState.Done, Attempts = batch.Attempts + 1, Written = written.Count, FinishedAt = clock.GetUtcNow(), Left = Left(batch, keys, snapshot, ledger) },
                cancellationToken);
            PublishingTelemetry.BatchDone(activity, written.Count, Stopwatch.GetElapsedTime(started), null);
            await TellIfFinishedAsync(message.JobId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PublishingTelemetry.BatchDone(activity, 0, Stopwatch.GetElapsedTime(started), ex);
            var failed = batch with { Attempts = batch.Attempts + 1, LastError = $"{ex.GetType().Name}: {ex.Message}" };
            if (attempt < options.MaxAttempts)
            {
                await jobs.UpdateBatchAsync(failed, cancellationToken);
                LogRetrying(logger, ex, message.JobId, message.Batch, attempt);
                throw;
            }

            if (await jobs.UpdateBatchAsync(failed with { State = BatchState.Failed, FinishedAt = clock.GetUtcNow() }, cancellationToken))
            {
                await dispatcher.ParkAsync(message, failed.LastError, cancellationToken);
            }

            LogParked(logger, message.JobId, message.Batch, failed.LastError);
            await TellIfFinishedAsync(message.JobId, cancellationToken);
        }
    }

    /// <summary>
    /// The listeners that ask hear of a job the batch just finished (two batches finishing together may both tell). The
    /// job's status reads its batches: a republish with no one asking does not make that read.
    /// </summary>
    private async Task TellIfFinishedAsync(string jobId, CancellationToken cancellationToken)
    {
        var hearing = listeners.Where(l => l.HearsRepublishes).ToList();
        if (hearing.Count > 0 && await jobs.StatusAsync(jobId, cancellationToken) is { IsFinished: true } finished)
        {
            foreach (var listener in hearing)
            {
                await listener.RepublishedAsync(finished, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The batch's article pages and list pages as it left them: what it wrote or found right (the ledger), and
    /// for the rest what the job knew when it planned. A page changed by a publish since is only out of date here,
    /// which costs the next republish a read of it, never a wrong write (its upload is conditional on the ETag).
    /// </summary>
    private List<DeployedPage> Left(RepublishBatch batch, List<PageKey> keys, BatchSnapshot snapshot, PageLedger ledger)
    {
        var articles = keys.OfType<PageKey.Article>().Select(a => snapshot.Record(a.Slug)).OfType<PostRecord>()
            .Select(r => site.ArticleFile(r.Slug, r.Date)).ToHashSet(StringComparer.Ordinal);
        var left = new Dictionary<string, DeployedPage>(StringComparer.Ordinal);
        foreach (var page in batch.Deployed)
        {
            left[page.Path] = page;
        }

        foreach (var page in ledger.Pages)
        {
            if (articles.Contains(page.Path) || !page.Path.Contains('/', StringComparison.Ordinal) || ListFolders.Holds(page.Path))
            {
                left[page.Path] = page;
            }
        }

        return [.. left.Values];
    }

    /// <summary>
    /// Makes this instance render with the theme the job was started with: an instance that loaded its
    /// theme before the site owner changed it loads it again. Settings come from the app's configuration,
    /// which a restart applies; until then the batch fails and is retried.
    /// </summary>
    private async Task EnsureRenderingWithAsync(string? fingerprint, CancellationToken cancellationToken)
    {
        if (fingerprint is null || SiteFingerprint.Of(current.Theme, site) == fingerprint)
        {
            return;
        }

        current.Replace(await themes.LoadAsync(cancellationToken));
        if (SiteFingerprint.Of(current.Theme, site) != fingerprint)
        {
            throw new InvalidOperationException(
                "This instance's theme and settings differ from the ones the republish was started with; it will retry after the instance picks up the new settings.");
        }
    }

    /// <summary>
    /// Queues again every batch of a job that is not finished: for a job whose messages were lost or
    /// whose workers were stopped. Finished batches are not touched.
    /// </summary>
    /// <returns>The number of batches queued, or null when there is no such job.</returns>
    public async Task<int?> ResumeAsync(string jobId, CancellationToken cancellationToken)
    {
        if (await jobs.StatusAsync(jobId, cancellationToken) is not { } job)
        {
            return null;
        }

        var pending = (await jobs.BatchesAsync(jobId, cancellationToken)).Where(b => b.State == BatchState.Pending).ToList();
        foreach (var batch in pending)
        {
            await dispatcher.SendAsync(new BatchMessage(jobId, batch.Number, job.Fingerprint), cancellationToken);
        }

        return pending.Count;
    }

    public Task<RepublishStatus?> StatusAsync(string? jobId, CancellationToken cancellationToken) =>
        jobs.StatusAsync(jobId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Republish {JobId} started ({Reason}): {Total} pages in {Batches} batches")]
    private static partial void LogStarted(ILogger logger, string jobId, string reason, int total, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republish {JobId}: no batch {Batch}; message dropped")]
    private static partial void LogUnknownBatch(ILogger logger, string jobId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republish {JobId} batch {Batch} failed on attempt {Attempt}; it will be retried")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string jobId, int batch, long attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Republish {JobId} batch {Batch} parked on the poison queue: {Reason}")]
    private static partial void LogParked(ILogger logger, string jobId, int batch, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A full republish ({JobId}) is running: the start asked for ({Reason}) answers with it")]
    private static partial void LogAlreadyRunning(ILogger logger, string jobId, string reason);
}
