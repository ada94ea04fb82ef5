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

        var record = PostRecord.Of(post, sourceName, hash, clock.GetUtcNow());
        var delta = await index.SaveAsync(record, cancellationToken);
        var deltas = new List<IndexDelta> { delta };

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

        var plan = deltas.SelectMany(d => PublishPlan.For(d.Old, d.New, renderer.Site)).Distinct().ToList();
        var written = await updater.UpdateAsync(plan, post, cancellationToken);
        LogPublished(logger, post.Slug, delta.New.Status, written.Count);

        return new PublishResult
        {
            Status = deltas[0].Old is null ? PublishStatus.Created : deltas.Any(d => d.RecordChanged) ? PublishStatus.Updated : PublishStatus.Unchanged,
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
