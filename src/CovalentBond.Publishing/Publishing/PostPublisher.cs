using System.Security.Cryptography;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Scheduling;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Publishing;

/// <summary>
/// The publish use case every host calls: validate an upload, store its source, record it in the index,
/// and bring up to date the pages that show it — only those. Safe to run twice for the same upload: the
/// second run writes nothing.
/// </summary>
public sealed partial class PostPublisher(
    PostReader reader,
    PageRenderer renderer,
    ISourceStore sources,
    IPostIndex index,
    SiteUpdater updater,
    IScheduleAlarms schedule,
    TimeProvider clock,
    ILogger<PostPublisher> logger)
{
    public async Task<PublishResult> PublishAsync(PostUpload upload, CancellationToken cancellationToken = default)
    {
        var parsed = reader.Read(upload.Content.Span, upload.FileName, upload.RequestedSlug);
        if (!parsed.IsValid)
        {
            LogRefused(logger, upload.FileName ?? upload.RequestedSlug, string.Join("; ", parsed.Problems));
            return PublishResult.Invalid(parsed.Problems);
        }

        var post = parsed.Post!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(upload.Content.Span));

        // The source is the source of truth: it is stored before anything derived from it.
        var sourceName = upload.SourceAlreadyStored ? upload.FileName!
            : upload.FileName is { } fileName && upload.RequestedSlug is null ? Path.GetFileName(fileName.Replace('\\', '/'))
            : post.Slug + ".md";
        if (!upload.SourceAlreadyStored)
        {
            await sources.SaveAsync(sourceName, upload.Content, hash, cancellationToken);
        }

        var record = PostRecord.Of(post, sourceName, hash, clock.GetUtcNow());

        // A post an author unpublished or deleted stays so when the same bytes arrive again (a late or
        // repeated delivery); new content, or an explicit restore, brings it back.
        if (await index.GetAsync(post.Slug, cancellationToken) is { Status: PostStatus.Unpublished or PostStatus.Deleted } withdrawn
            && withdrawn.ContentHash == hash)
        {
            record = record with { Status = withdrawn.Status };
        }

        // The same source published under a new slug (its front matter slug changed): the post moved.
        var previousSlug = await index.SlugOfSourceAsync(sourceName, cancellationToken);

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
            var reread = content is null ? null : reader.Read(content, upload.SourceAlreadyStored ? sourceName : upload.FileName, upload.RequestedSlug).Post;
            if (content is null || reread is null || reread.Slug != post.Slug)
            {
                break;
            }

            post = reread;
            delta = await index.SaveAsync(PostRecord.Of(post, sourceName, Convert.ToHexStringLower(SHA256.HashData(content)), clock.GetUtcNow()), cancellationToken);
            deltas.Add(delta);
        }

        return await FinishAsync(deltas, post, cancellationToken);
    }

    /// <summary>Takes a post off the site: its page and every list entry go; the source and the record stay.</summary>
    public Task<PublishResult?> UnpublishAsync(string slug, CancellationToken cancellationToken = default) =>
        WithdrawAsync(slug, PostStatus.Unpublished, cancellationToken);

    /// <summary>Deletes a post: as unpublish, and its address answers with a "gone" page. The source is kept for restore.</summary>
    public Task<PublishResult?> DeleteAsync(string slug, CancellationToken cancellationToken = default) =>
        WithdrawAsync(slug, PostStatus.Deleted, cancellationToken);

    /// <summary>Publishes an unpublished or deleted post again from its stored source.</summary>
    /// <returns>Null when the index does not know the post.</returns>
    public async Task<PublishResult?> RestoreAsync(string slug, CancellationToken cancellationToken = default)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var source = await sources.ReadAsync(record.SourceName, cancellationToken)
            ?? throw new InvalidOperationException($"The source of '{slug}' ({record.SourceName}) is missing.");
        var parsed = reader.Read(source, record.SourceName);
        if (!parsed.IsValid)
        {
            return PublishResult.Invalid(parsed.Problems);
        }

        var post = parsed.Post! with { Slug = slug };
        var delta = await index.SaveAsync(PostRecord.Of(post, record.SourceName, record.ContentHash, clock.GetUtcNow()), cancellationToken);
        return await FinishAsync([delta], post, cancellationToken);
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
        var source = await sources.ReadAsync(record.SourceName, cancellationToken)
            ?? throw new InvalidOperationException($"The source of '{slug}' ({record.SourceName}) is missing.");
        return await PublishAsync(new PostUpload(source, record.SourceName, slug, SourceAlreadyStored: true), cancellationToken);
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

    private async Task<PublishResult> FinishAsync(List<IndexDelta> deltas, Post? post, CancellationToken cancellationToken)
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
            PagePath = SitePaths.Post(final.Slug),
            Url = SitePaths.PostUrl(final.Slug),
            PagesWritten = written,
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused post {Name}: {Problems}")]
    private static partial void LogRefused(ILogger logger, string? name, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Slug} ({Status}); {Written} files written or removed")]
    private static partial void LogPublished(ILogger logger, string slug, PostStatus status, int written);
}
