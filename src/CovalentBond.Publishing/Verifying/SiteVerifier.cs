using System.Collections.Concurrent;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ownership;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Verifying;

/// <summary>
/// Compares sources, index and site, and reports every drift: a source the index lacks or holds an old
/// version of, an index row whose source is gone, a page missing, stale or left over. With repair, each
/// drift is fixed through the normal paths (publish, unpublish, the republish updater), so repairing
/// twice does nothing the second time.
/// </summary>
public sealed partial class SiteVerifier(
    ISourceStore sources,
    ISiteStore site,
    IPostIndex index,
    PostReader reader,
    PostPreparer preparer,
    PostPublisher publisher,
    PostWithdrawal withdrawal,
    SiteUpdater updater,
    MediaVerifier media,
    ILogger<SiteVerifier> logger)
{
    /// <summary>
    /// Units audited and sources read at once: one instance, requests in flight instead of one after another (a run
    /// at 10,000 posts made 160,784 requests in a row before; docs/performance.md, "The daily verify").
    /// </summary>
    private const int Parallelism = 8;

    /// <summary>Theme assets are content-hashed and kept after a theme change: pages cached by the CDN still link them.</summary>
    private const string AssetsFolder = "assets/";

    /// <summary>The newsroom's editor, installed beside the site by <c>covalent admin install</c>: no page of the index's.</summary>
    private const string AdminFolder = Pages.SitePaths.AdminFolder;

    public async Task<VerifyReport> VerifyAsync(bool repair, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.PublishingTelemetry.Source.StartActivity("verify");
        activity?.SetTag("covalent.repair", repair);
        var report = await CompareAsync(repair, cancellationToken);
        activity?.SetTag("covalent.drifts", report.Drifts.Count);
        activity?.SetTag("covalent.drift_kinds", string.Join(",", report.Drifts.Select(d => d.Kind).Distinct()));
        return report;
    }

    private async Task<VerifyReport> CompareAsync(bool repair, CancellationToken cancellationToken)
    {
        var drifts = new List<SiteDrift>();

        // 1. Sources against the index. A source that agrees with its record has its article audited at once, with
        // the bytes just read: each source is read once. The site is listed meanwhile, beside the reads of the records
        // and sources: every page is compared with the listing, and read only when its bytes differ from it.
        var early = AuditAsync(cancellationToken);
        var (sourceDrifts, sourcesChecked, warnings) = await CheckSourcesAsync(early, cancellationToken);
        drifts.AddRange(sourceDrifts);

        // Repairs come before the rest, since pages render from the index. A repair writes and removes pages of its
        // own post and the lists, so the rest is audited against a new listing and new reads of the lists; the
        // articles audited already keep their findings (another post's repair changes an article's latest-news list
        // at most, which is not drift).
        var audit = await early;
        if (repair && sourceDrifts.Count > 0)
        {
            await RepairSourcesAsync(sourceDrifts, cancellationToken);
            audit = (await AuditAsync(cancellationToken)) with { Offered = audit.Offered, Articles = audit.Articles };
        }

        // 2. The index against the site: every page it calls for not audited yet, offered to an auditing store,
        // several units at a time.
        var units = (await UnitsAsync(cancellationToken)).ToList();
        var found = new List<SiteDrift>[units.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, units.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            if (units[i] is [PageKey.Article article] && audit.Articles.TryGetValue(article.Slug, out var done))
            {
                found[i] = done;
                return;
            }

            var store = audit.Store(site);
            try
            {
                await updater.WritingTo(store, audit.Reads).UpdateAsync(units[i], null, token);
                found[i] = store.Take();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unit's failure is its finding; the rest is checked.
                found[i] = [.. store.Take(), new SiteDrift(DriftKind.StalePage, string.Join(", ", units[i].Select(k => k.ToToken())), $"could not be checked: {e.GetType().Name}: {e.Message}")];
            }
        });
        var drifted = new List<IReadOnlyList<PageKey>>();
        for (var i = 0; i < units.Count; i++)
        {
            if (found[i].Count > 0)
            {
                drifts.AddRange(found[i]);
                drifted.Add(units[i]);
            }
        }

        var listed = audit.Listed;
        var offered = audit.Offered;

        // 3. Files nothing accounts for; images (variants, and what posts name) have a verifier of their own.
        var orphans = new List<string>();
        var filesChecked = 0;
        var mediaFiles = new HashSet<string>(StringComparer.Ordinal);
        // From the audit's listing (made before it): a file written during the audit is looked at the next day.
        if (unlistable is not null)
        {
            drifts.Add(new SiteDrift(DriftKind.SiteNotListed, "$web", $"the site could not be listed ({unlistable}); orphan files were not looked for"));
        }

        await foreach (var path in listed is not null ? listed.Keys.ToAsyncEnumerable() : unlistable is not null ? AsyncEnumerable.Empty<string>() : site.ListAsync(cancellationToken))
        {
            filesChecked++;
            if (path.StartsWith(MediaVerifier.MediaFolder, StringComparison.Ordinal))
            {
                mediaFiles.Add(path);
                continue;
            }

            if (!offered.ContainsKey(path) && !path.StartsWith(AssetsFolder, StringComparison.Ordinal) && !path.StartsWith(AdminFolder, StringComparison.Ordinal)
                && !drifts.Any(d => d.Kind == DriftKind.PageToRemove && d.Subject == path))
            {
                orphans.Add(path);
                drifts.Add(new SiteDrift(DriftKind.OrphanPage, path, "no post, list or redirect of the index accounts for it"));
            }
        }

        var images = await media.CheckAsync(mediaFiles, cancellationToken);
        drifts.AddRange(images.Drifts);
        orphans.AddRange(images.Orphans);

        if (repair)
        {
            // A page of another owner stands there with a version the owner's page may never reach: removed first.
            foreach (var drift in drifts.Where(d => d.Kind == DriftKind.PageOfAnotherOwner))
            {
                await site.DeleteVersionedAsync(drift.Subject, long.MaxValue, cancellationToken);
            }

            await RemoveInvalidAliasesAsync(drifts, cancellationToken);
            var republisher = updater.ForRepublish();
            foreach (var unit in drifted)
            {
                await republisher.UpdateAsync(unit, null, cancellationToken);
            }

            foreach (var path in orphans)
            {
                await site.DeleteVersionedAsync(path, long.MaxValue, cancellationToken);
            }

            await media.RepairAsync(images.Drifts, cancellationToken);
        }

        // Each drift once: the theme's files (404.html, robots.txt) are offered by every unit.
        drifts = drifts.DistinctBy(d => (d.Kind, d.Subject)).ToList();
        LogVerified(logger, drifts.Count, repair, filesChecked, sourcesChecked);
        return new VerifyReport(drifts, repair, filesChecked, sourcesChecked) { Warnings = warnings };
    }

    /// <summary>A new audit: the site listed, and the lists every page draws on to be read once for every unit.</summary>
    private async Task<Audit> AuditAsync(CancellationToken cancellationToken) =>
        new(await ListedAsync(cancellationToken), updater.NewReads(cancellationToken));

    /// <summary>
    /// The site's files as listed now, or null when the store cannot list them: then every page is read, and the
    /// files are listed again by name to find orphans.
    /// </summary>
    private async Task<Dictionary<string, DeployedPage>?> ListedAsync(CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, DeployedPage>(StringComparer.Ordinal);
        try
        {
            await foreach (var page in site.DeployedAsync(string.Empty, cancellationToken))
            {
                listed[page.Path] = page;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A file name the service cannot list (one an index from before the ownership checks wrote, with a control
            // character) must not stop the check that finds and removes it: every page is read instead.
            unlistable = e.Message;
            LogUnlisted(logger, e);
            return null;
        }

        return listed.Count > 0 ? listed : null;
    }

    /// <summary>Why the site could not be listed in this run, or null.</summary>
    private string? unlistable;

    /// <summary>Page keys in the units they are checked and repaired in: one post at a time, one tag at a time, the lists together.</summary>
    private async Task<IEnumerable<IReadOnlyList<PageKey>>> UnitsAsync(CancellationToken cancellationToken)
    {
        var groups = await WholeSite.PlanAsync(index, cancellationToken);
        return groups[0].Select(k => (IReadOnlyList<PageKey>)[k])
            .Concat(groups[1].Select(k => (IReadOnlyList<PageKey>)[k]))
            .Append(groups[2]);
    }

    private async Task<(List<SiteDrift> Drifts, int Checked, List<string> Warnings)> CheckSourcesAsync(Task<Audit> auditing, CancellationToken cancellationToken)
    {
        var drifts = new List<SiteDrift>();
        var warnings = new List<string>();
        var records = new List<PostRecord>();
        await foreach (var record in index.AllAsync(cancellationToken))
        {
            records.Add(record);
        }

        var bySource = records.Where(r => r.Status != PostStatus.Moved).ToLookup(r => r.SourceName, StringComparer.Ordinal);
        var names = new List<string>();
        await foreach (var name in sources.ListAsync(cancellationToken))
        {
            if (SourceNames.IsPost(name))
            {
                names.Add(name);
            }
        }

        // Read several at a time; reported in the listing's order.
        var audit = await auditing;
        var checkedSources = new (SiteDrift? Drift, IEnumerable<string> Warnings)[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var content = await sources.ReadAsync(names[i], token);
            if (content is null)
            {
                checkedSources[i] = (null, []);
                return;
            }

            try
            {
                var indexed = bySource[names[i]].ToList();
                var (drift, hash, shown) = CheckSource(names[i], content, indexed);
                checkedSources[i] = (drift, shown is null ? [] : Warnings(names[i], content, shown));
                if (drift is null && shown is not null)
                {
                    var store = audit.Store(site);
                    await updater.WritingTo(store, audit.Reads).UpdateArticleAsync(shown, new CachedSource(hash, content), token);
                    audit.Articles[shown.Slug] = store.Take();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A post verify cannot read is a finding, never the end of the check.
                checkedSources[i] = (new SiteDrift(DriftKind.InvalidSource, names[i], $"could not be checked: {e.GetType().Name}: {e.Message}"), []);
            }
        });
        drifts.AddRange(checkedSources.Select(c => c.Drift).OfType<SiteDrift>());
        warnings.AddRange(checkedSources.SelectMany(c => c.Warnings));

        drifts.AddRange(InvalidAliases(records));
        var known = names.ToHashSet(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Status is PostStatus.Published or PostStatus.Scheduled && !known.Contains(r.SourceName)))
        {
            drifts.Add(new SiteDrift(DriftKind.IndexRowWithoutSource, record.Slug, $"its source '{record.SourceName}' is gone"));
        }

        return (drifts, names.Count, warnings);
    }

    /// <summary>One source against its index rows: the drift it shows, if any, its hash, and the record readers see of it.</summary>
    private (SiteDrift? Drift, string Hash, PostRecord? Shown) CheckSource(string name, byte[] content, List<PostRecord> indexed)
    {
        var hash = ContentHash.Of(content);
        if (indexed.Count == 0)
        {
            var parsed = reader.Read(content, name);
            return (parsed.IsValid
                ? new SiteDrift(DriftKind.SourceNotIndexed, name, "the index has no post for this source")
                : new SiteDrift(DriftKind.InvalidSource, name, string.Join("; ", parsed.Problems.Select(p => p.In(name)))), hash, null);
        }

        return indexed.All(r => r.ContentHash != hash)
            ? (new SiteDrift(DriftKind.StaleIndexRow, name, $"the index holds an older version of '{indexed[0].Slug}'"), hash, null)
            : (null, hash, indexed.FirstOrDefault(r => r.IsListed));
    }

    /// <summary>What publishing warned of, for a post readers see (images not uploaded are drift, reported by the media verifier).</summary>
    private List<string> Warnings(string name, byte[] content, PostRecord shown) =>
        preparer.Prepare(content, name, shown.Slug).Prepared is { } prepared
            ? prepared.Warnings.Where(w => !w.Message.Contains("is not uploaded yet", StringComparison.Ordinal)).Select(w => w.In(name)).ToList()
            : [];

    private async Task RepairSourcesAsync(IEnumerable<SiteDrift> drifts, CancellationToken cancellationToken)
    {
        foreach (var drift in drifts)
        {
            switch (drift.Kind)
            {
                case DriftKind.SourceNotIndexed or DriftKind.StaleIndexRow when await sources.ReadAsync(drift.Subject, cancellationToken) is { } content:
                    await publisher.PublishAsync(PostUpload.FromStoredSource(content, drift.Subject, Caller.App), cancellationToken);
                    break;
                case DriftKind.IndexRowWithoutSource:
                    // Without its source a post cannot be rendered or restored: it comes off the site.
                    await withdrawal.UnpublishAsync(drift.Subject, Caller.App, cancellationToken: cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Aliases in the index that no post may hold now (written before the ownership checks), one finding each.</summary>
    private static IEnumerable<SiteDrift> InvalidAliases(IEnumerable<PostRecord> records) =>
        from record in records
        from alias in record.Aliases
        let file = AliasAddress.FileOf(alias)
        let owner = file is null ? null : SiteFiles.OwnerOf(file)
        where file is null || owner is not null
        select new SiteDrift(DriftKind.InvalidAlias, record.Slug,
            file is null ? $"its alias '{alias}' is no address a post may hold; publish the post again without it" : $"its alias '{alias}' is {file}, which {owner} holds; publish the post again without it");

    /// <summary>Removes the redirect the old code wrote for each invalid alias, when it is one (a site file it replaced is its owner's unit's repair).</summary>
    private async Task RemoveInvalidAliasesAsync(IEnumerable<SiteDrift> drifts, CancellationToken cancellationToken)
    {
        var slugs = drifts.Where(d => d.Kind == DriftKind.InvalidAlias).Select(d => d.Subject).ToHashSet(StringComparer.Ordinal);
        foreach (var slug in slugs)
        {
            if (await index.GetAsync(slug, cancellationToken) is not { } record)
            {
                continue;
            }

            foreach (var alias in record.Aliases.Where(a => AliasAddress.FileOf(a) is null))
            {
                try
                {
                    await site.DeleteVersionedAsync(Pages.SitePaths.Alias(alias), long.MaxValue, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogNotRemoved(logger, alias, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The site could not be listed; pages are read one by one")]
    private static partial void LogUnlisted(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file of the invalid alias {Alias} could not be removed")]
    private static partial void LogNotRemoved(ILogger logger, string alias, Exception exception);

    /// <summary>
    /// What the audits of one run share: the listing they compare with, the lists every page draws on, every path
    /// offered (what is not offered is an orphan), and the drifts of the articles audited with their sources.
    /// </summary>
    private sealed record Audit(Dictionary<string, DeployedPage>? Listed, UpdateReads Reads)
    {
        public ConcurrentDictionary<string, bool> Offered { get; init; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, List<SiteDrift>> Articles { get; init; } = new(StringComparer.Ordinal);

        public AuditingSiteStore Store(ISiteStore site) => new(site, Listed, Offered);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified the site: {Drifts} drifts (repair: {Repair}); {Files} files, {Sources} sources")]
    private static partial void LogVerified(ILogger logger, int drifts, bool repair, int files, int sources);
}
