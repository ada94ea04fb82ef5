using System.Security.Cryptography;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
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
        var sourceName = upload.SourceAlreadyStored ? upload.FileName! : post.Slug + ".md";
        if (!upload.SourceAlreadyStored)
        {
            await sources.SaveAsync(sourceName, upload.Content, hash, cancellationToken);
        }

        var delta = await index.SaveAsync(PostRecord.Of(post, sourceName, hash, clock.GetUtcNow()), cancellationToken);
        var plan = PublishPlan.For(delta.Old, delta.New, renderer.Site);
        var written = await updater.UpdateAsync(plan, post, cancellationToken);
        LogPublished(logger, post.Slug, delta.New.Status, written.Count);

        return new PublishResult
        {
            Status = delta.Old is null ? PublishStatus.Created : delta.RecordChanged ? PublishStatus.Updated : PublishStatus.Unchanged,
            PostStatus = delta.New.Status,
            GoesLiveAt = delta.New.Status == PostStatus.Scheduled ? delta.New.GoesLiveAt : null,
            Slug = post.Slug,
            PagePath = SitePaths.Post(post.Slug),
            Url = SitePaths.PostUrl(post.Slug),
            PagesWritten = written,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused post {Name}: {Problems}")]
    private static partial void LogRefused(ILogger logger, string? name, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Slug} ({Status}); {Written} files written or removed")]
    private static partial void LogPublished(ILogger logger, string slug, PostStatus status, int written);
}
