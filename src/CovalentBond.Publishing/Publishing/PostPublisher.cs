using System.Security.Cryptography;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Publishing;

/// <summary>
/// The publish use case every host calls: validate an upload, store its source, record it in the index,
/// and write the pages that show it. Safe to run twice for the same upload: the second run writes nothing.
/// </summary>
public sealed class PostPublisher(
    PostReader reader,
    PageRenderer renderer,
    ISourceStore sources,
    ISiteStore site,
    IPostIndex index,
    ILogger<PostPublisher> logger)
{
    public async Task<PublishResult> PublishAsync(PostUpload upload, CancellationToken cancellationToken = default)
    {
        var parsed = reader.Read(upload.Content.Span, upload.FileName, upload.RequestedSlug);
        if (!parsed.IsValid)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Refused post {Name}: {Problems}", upload.FileName ?? upload.RequestedSlug, string.Join("; ", parsed.Problems));
            }
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

        var change = await index.SaveAsync(IndexedPost.Of(post, sourceName, hash), cancellationToken);

        // Every page is rendered and offered to the store even when the index did not change: a
        // repeated delivery after a crash half-way must still finish the site, and the store skips
        // bytes it already has, so a true repeat writes nothing.
        var latest = await index.LatestAsync(renderer.Site.LatestCount + 1, cancellationToken);
        var pages = new List<SitePage>
        {
            renderer.Stylesheet(),
            renderer.Favicon(),
            await ArticlePage.RenderAsync(renderer, post, latest),
            await HomePage.RenderAsync(renderer, latest.Take(renderer.Site.LatestCount).ToList()),
            await NotFoundPage.RenderAsync(renderer),
        };

        var written = new List<string>();
        foreach (var page in pages)
        {
            if (await site.WriteAsync(page, cancellationToken))
            {
                written.Add(page.Path);
            }
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Published {Slug} ({Change}); wrote {Written}", post.Slug, change, written.Count == 0 ? "nothing" : string.Join(", ", written));
        }

        return new PublishResult
        {
            Status = change switch
            {
                IndexChange.Created => PublishStatus.Created,
                IndexChange.Updated => PublishStatus.Updated,
                _ => PublishStatus.Unchanged,
            },
            Slug = post.Slug,
            PagePath = SitePaths.Post(post.Slug),
            Url = SitePaths.PostUrl(post.Slug),
            PagesWritten = written,
        };
    }
}
