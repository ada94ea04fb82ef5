using CovalentBond.Publishing.Ports;
using System.Diagnostics;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Scheduling;
using CovalentBond.Publishing.Telemetry;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The publish use case every host calls: validate an upload, store its source, record it in the index,
/// and bring up to date the pages that show it — only those. Safe to run twice for the same upload: the
/// second run writes nothing.
/// </summary>
public sealed partial class PostPublisher(
    PostPreparer preparer,
    PageRenderer renderer,
    ISourceStore sources,
    ISourceCache sourceCopies,
    IPostIndex index,
    SiteUpdater updater,
    IScheduleAlarms schedule,
    IMediaIndex media,
    Ownership.AliasOwnership aliases,
    TimeProvider clock,
    ILogger<PostPublisher> logger)
{
    public async Task<PublishResult> PublishAsync(PostUpload upload, CancellationToken cancellationToken = default) =>
        (await TracedAsync("publish", upload.FileName ?? upload.RequestedSlug, () => PublishUploadAsync(upload, cancellationToken)))!;

    private async Task<PublishResult?> PublishUploadAsync(PostUpload upload, CancellationToken cancellationToken)
    {
        // Decide before writing: read, check and render in memory. A refused upload writes nothing.
        var preparation = preparer.Prepare(upload.Content.Span, upload.FileName, upload.RequestedSlug, StoredMediaCatalog.Empty);
        if (!preparation.IsValid)
        {
            LogRefused(logger, upload.FileName ?? upload.RequestedSlug, string.Join("; ", preparation.Problems));
            return PublishResult.Invalid(preparation.Problems);
        }

        var prepared = preparation.Prepared!;
        var post = prepared.Post;
        var hash = ContentHash.Of(upload.Content.Span);

        // A source belongs to one post: find the name this upload is stored under, and refuse one that
        // would take another post's source or slug.
        var existing = await index.GetAsync(post.Slug, cancellationToken);
        var sourceName = SourceNameOf(upload, post, existing);
        if (await OwnershipConflictAsync(upload, post, sourceName, existing, cancellationToken) is { } conflict)
        {
            LogConflict(logger, sourceName, conflict.Message);
            return PublishResult.Conflict(conflict);
        }

        // The images it shows: its uses are recorded first, so an image arriving from now on finds this post;
        // then the body is rendered again with the images already processed.
        string? mediaHash;
        (prepared, mediaHash) = await WithMediaAsync(prepared, upload.Content, upload.FileName, upload.RequestedSlug, existing, cancellationToken);
        post = prepared.Post;

        // The source is the source of truth: it is stored before anything derived from it. It carries the
        // slug it publishes under, so the blob trigger that fires for this very write publishes the same post.
        if (!upload.SourceAlreadyStored)
        {
            await sources.SaveAsync(sourceName, upload.Content, hash, post.Slug, cancellationToken);
        }

        var record = PostRecord.Of(post, sourceName, hash, clock.GetUtcNow()) with { MediaHash = mediaHash, Hero = prepared.Hero };

        // A post an author unpublished or deleted stays so when the same bytes arrive again (a late or
        // repeated delivery); new content, or an explicit restore, brings it back.
        if (existing is { Status: PostStatus.Unpublished or PostStatus.Deleted } withdrawn && withdrawn.ContentHash == hash)
        {
            record = record with { Status = withdrawn.Status };
        }

        // The same source published under a new slug (its front matter slug changed): the post moved.
        var previousSlug = await index.SlugOfSourceAsync(sourceName, cancellationToken);

        // A copy beside the index, for the full republish (written before the record that names its hash).
        if (existing?.ContentHash != hash)
        {
            await sourceCopies.PutAsync(post.Slug, hash, upload.Content, cancellationToken);
        }

        var delta = await index.SaveAsync(record, cancellationToken);
        var deltas = new List<IndexDelta> { delta };
        if (previousSlug is not null && previousSlug != post.Slug
            && await index.GetAsync(previousSlug, cancellationToken) is { } moved && moved.SourceName == sourceName && moved.Status != PostStatus.Moved)
        {
            deltas.Add(await index.SaveAsync(moved with { Status = PostStatus.Moved, MovedTo = post.Slug }, cancellationToken));
        }

        // Concurrent uploads of one post may store their sources and save their records in different
        // orders. The stored source is the truth: if it changed under us, index what it holds now.
        for (var attempt = 0; attempt < 5 && await sources.HashAsync(sourceName, cancellationToken) is { } stored && stored != delta.New.ContentHash; attempt++)
        {
            var content = await sources.ReadAsync(sourceName, cancellationToken);
            var reread = content is null ? null : preparer.Prepare(content, upload.SourceAlreadyStored ? sourceName : upload.FileName, post.Slug, StoredMediaCatalog.Empty).Prepared;
            if (content is null || reread is null || reread.Post.Slug != post.Slug)
            {
                break;
            }

            (prepared, mediaHash) = await WithMediaAsync(reread, content, upload.SourceAlreadyStored ? sourceName : upload.FileName, post.Slug, delta.New, cancellationToken);
            var contentHash = ContentHash.Of(content);
            await sourceCopies.PutAsync(post.Slug, contentHash, content, cancellationToken);
            delta = await index.SaveAsync(PostRecord.Of(prepared.Post, sourceName, contentHash, clock.GetUtcNow()) with { MediaHash = mediaHash, Hero = prepared.Hero }, cancellationToken);
            deltas.Add(delta);
        }

        return await FinishAsync(deltas, prepared, cancellationToken);
    }

    /// <summary>
    /// The post rendered with the site images it shows that are processed, and their hash for its record. A post
    /// without site images (and that had none) costs no request; one with images costs the uses' bookkeeping, one
    /// read per image and a second render.
    /// </summary>
    private async Task<(PreparedPost Prepared, string? MediaHash)> WithMediaAsync(
        PreparedPost prepared, ReadOnlyMemory<byte> content, string? fileName, string? slug, PostRecord? existing, CancellationToken cancellationToken)
    {
        var keys = StoredMediaCatalog.KeysOf(prepared);
        if (keys.Count == 0 && existing?.MediaHash is null)
        {
            return (prepared, null);
        }

        await media.SetUsesAsync(prepared.Post.Slug, keys, cancellationToken);
        var images = keys.Count == 0 ? new Dictionary<string, MediaImage>() : await media.GetManyAsync(keys, cancellationToken);
        if (images.Count == 0)
        {
            return (prepared, null);
        }

        var again = preparer.Prepare(content.Span, fileName, slug ?? prepared.Post.Slug, new StoredMediaCatalog(images)).Prepared;
        return again is null ? (prepared, null) : (again, StoredMediaCatalog.HashOf(keys, images));
    }

    /// <summary>
    /// Where an upload's source is kept. A dropped blob is its own source; a file from the CLI keeps its
    /// (bundle-aware) name, as if it had been dropped; over HTTP the post's existing source is updated,
    /// and a new post is stored as <c>{slug}.md</c>.
    /// </summary>
    private static string SourceNameOf(PostUpload upload, Post post, PostRecord? existing) =>
        upload.SourceAlreadyStored ? upload.FileName!
        : upload.RequestedSlug is null && upload.FileName is { } fileName ? PostUpload.SourceNameFor(fileName)
        : existing is { Status: not PostStatus.Moved } own ? own.SourceName
        : post.Slug + ".md";

    /// <summary>The problem when an upload would overwrite another post's source or take another source's slug; null when it may go ahead.</summary>
    private async Task<PostProblem?> OwnershipConflictAsync(PostUpload upload, Post post, string sourceName, PostRecord? existing, CancellationToken cancellationToken)
    {
        // The slug is another source's post (and that source is still there): only that source may change it.
        if (existing is { Status: not PostStatus.Moved } other && other.SourceName != sourceName
            && await sources.HashAsync(other.SourceName, cancellationToken) is not null)
        {
            return new PostProblem(null, "slug",
                $"'{post.Slug}' is the post of the source {other.SourceName}; {sourceName} cannot publish under it (give it another slug, or change {other.SourceName})");
        }

        // Over HTTP the address names the post: its stored name must not be another post's source. (A file
        // that changes its own front matter slug moves its post: that is a rename, not a conflict.)
        if (upload.RequestedSlug is not null && !upload.SourceAlreadyStored
            && await index.SlugOfSourceAsync(sourceName, cancellationToken) is { } owner && owner != post.Slug
            && await index.GetAsync(owner, cancellationToken) is { Status: not PostStatus.Moved } owned && owned.SourceName == sourceName)
        {
            return new PostProblem(null, "slug",
                $"the source {sourceName} belongs to the post '{owner}'; publish '{post.Slug}' under another slug, or rename {sourceName}");
        }

        // Every address has one owner: an alias may name neither another post's article nor another post's alias. Last,
        // since claiming writes: a claim left by a refusal is one its post does not list, which any post may take.
        return await aliases.ClaimAsync(post, cancellationToken);
    }

    /// <summary>Takes a post off the site: its page and every list entry go; the source and the record stay.</summary>
    public Task<PublishResult?> UnpublishAsync(string slug, CancellationToken cancellationToken = default) =>
        TracedAsync("unpublish", slug, () => WithdrawAsync(slug, PostStatus.Unpublished, cancellationToken));

    /// <summary>Deletes a post: as unpublish, and its address answers with a "gone" page. The source is kept for restore.</summary>
    public Task<PublishResult?> DeleteAsync(string slug, CancellationToken cancellationToken = default) =>
        TracedAsync("delete", slug, () => WithdrawAsync(slug, PostStatus.Deleted, cancellationToken));

    /// <summary>Publishes an unpublished or deleted post again from its stored source.</summary>
    /// <returns>Null when the index does not know the post.</returns>
    public Task<PublishResult?> RestoreAsync(string slug, CancellationToken cancellationToken = default) =>
        TracedAsync("restore", slug, () => RestoreStoredAsync(slug, cancellationToken));

    private async Task<PublishResult?> RestoreStoredAsync(string slug, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (await sources.ReadAsync(record.SourceName, cancellationToken) is not { } source)
        {
            return PublishResult.Invalid([new PostProblem(null, null, $"its source {record.SourceName} is gone; publish the post again")]);
        }

        var preparation = preparer.Prepare(source, record.SourceName, slug, StoredMediaCatalog.Empty);
        if (!preparation.IsValid)
        {
            return PublishResult.Invalid(preparation.Problems);
        }

        var (prepared, mediaHash) = await WithMediaAsync(preparation.Prepared!, source, record.SourceName, slug, record, cancellationToken);
        var sourceHash = ContentHash.Of(source);
        await sourceCopies.PutAsync(slug, sourceHash, source, cancellationToken);
        var delta = await index.SaveAsync(
            PostRecord.Of(prepared.Post, record.SourceName, sourceHash, clock.GetUtcNow()) with { MediaHash = mediaHash, Hero = prepared.Hero },
            cancellationToken);
        return await FinishAsync([delta], prepared, cancellationToken);
    }

    /// <summary>
    /// Publishes a scheduled or published post again from its stored source, as of now: a scheduled
    /// post whose time has come goes live, a post past its expiry date comes off every list. Nothing
    /// changes for a post whose time has not come, and withdrawn posts stay withdrawn.
    /// </summary>
    /// <returns>Null when the index does not know the post, or its status never changes by itself.</returns>
    public async Task<PublishResult?> RefreshStatusAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (await index.GetAsync(slug, cancellationToken) is not { Status: PostStatus.Scheduled or PostStatus.Published } record)
        {
            return null;
        }

        // Through the publish path: it copes with an author's upload racing this one.
        if (await sources.ReadAsync(record.SourceName, cancellationToken) is not { } source)
        {
            LogSourceGone(logger, slug, record.SourceName);
            return null;
        }

        return await PublishAsync(new PostUpload(source, record.SourceName, slug, SourceAlreadyStored: true), cancellationToken);
    }

    /// <summary>Runs one operation in a span of its own and records its outcome, the files it wrote and its duration.</summary>
    private static async Task<PublishResult?> TracedAsync(string operation, string? subject, Func<Task<PublishResult?>> work)
    {
        using var activity = PublishingTelemetry.Source.StartActivity(operation);
        activity?.SetTag("covalent.subject", subject);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await work();
            PublishingTelemetry.Published(
                activity, operation, result?.Status.ToString().ToLowerInvariant() ?? "unknown-post", result?.Slug ?? subject, result?.PagesWritten ?? [], Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            PublishingTelemetry.Published(activity, operation, "error", subject, [], Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<PublishResult?> WithdrawAsync(string slug, PostStatus status, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var delta = await index.SaveAsync(record with { Status = status }, cancellationToken);
        return await FinishAsync([delta], null, cancellationToken);
    }

    private async Task<PublishResult> FinishAsync(List<IndexDelta> deltas, PreparedPost? post, CancellationToken cancellationToken)
    {
        var final = deltas.Select(d => d.New).FirstOrDefault(r => r.Status != PostStatus.Moved) ?? deltas[^1].New;
        var plan = deltas.SelectMany(d => PublishPlan.For(d.Old, d.New, renderer.Site)).Distinct().ToList();
        var written = await updater.UpdateAsync(plan, post, cancellationToken);
        LogPublished(logger, final.Slug, final.Status, written.Count);
        await ScheduleAsync(final, cancellationToken);
        return new PublishResult
        {
            Status = deltas[0].Old is null ? PublishStatus.Created : deltas.Any(d => d.RecordChanged) ? PublishStatus.Updated : PublishStatus.Unchanged,
            PostStatus = final.Status,
            GoesLiveAt = final.Status == PostStatus.Scheduled ? final.GoesLiveAt : null,
            Slug = final.Slug,
            PagePath = renderer.Site.ArticleFile(final.Slug, final.Date),
            Url = renderer.Site.ArticleUrl(final.Slug, final.Date),
            PagesWritten = written,
            Warnings = post?.Warnings ?? [],
        };
    }

    private async Task ScheduleAsync(PostRecord record, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (record.NextChangeAt is not { } at || at <= now)
        {
            return;
        }

        try
        {
            await schedule.SetAsync(new ScheduledChange(record.Slug, at), now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The post is saved and its change is in the index's due list: the timer sweep applies it.
            LogScheduleFailed(logger, ex, record.Slug, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue the scheduled change of {Slug} at {At}; the timer sweep will apply it")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string slug, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Name}: {Problem}")]
    private static partial void LogConflict(ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The source of {Slug} ({SourceName}) is gone: its scheduled change was not applied")]
    private static partial void LogSourceGone(ILogger logger, string slug, string sourceName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused post {Name}: {Problems}")]
    private static partial void LogRefused(ILogger logger, string? name, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Slug} ({Status}); {Written} files written or removed")]
    private static partial void LogPublished(ILogger logger, string slug, PostStatus status, int written);
}
