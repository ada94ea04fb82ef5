using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// A post's page rendered again from its stored source (a republish, a list change, verify's audit), with the
/// processed images it shows: what the incremental path needs when no upload is in hand.
/// </summary>
public sealed partial class StoredArticleRenderer(
    PageRenderer renderer,
    PostReader reader,
    ISourceStore sources,
    IMediaIndex media,
    ILogger<StoredArticleRenderer> logger)
{
    /// <summary>
    /// The page, or null when the source is gone or no longer renders (changed by hand in the container): that
    /// post's page stays as it is, the rest of the update goes on, and <c>verify</c> reports the source.
    /// </summary>
    /// <param name="copy">A copy of the source read with others (a republish batch); used when its hash is the record's.</param>
    /// <param name="latestHtml">The latest-news list already rendered for this page (shared by a batch's pages); rendered here when null.</param>
    /// <param name="related">The stories the page suggests next; none when null.</param>
    public async Task<SitePage?> RenderAsync(
        PostRecord record, IReadOnlyList<PostSummary> latest, CancellationToken cancellationToken, CachedSource? copy = null, string? latestHtml = null, IReadOnlyList<PostSummary>? related = null)
    {
        var source = copy is not null && copy.Hash == record.ContentHash ? copy.Content : await sources.ReadAsync(record.SourceName, cancellationToken);
        var post = source is null ? null : reader.Read(source, record.SourceName).Post;
        if (post is null)
        {
            LogUnrenderable(logger, record.Slug, record.SourceName, source is null ? "the source is gone" : "the source no longer reads as a post");
            return null;
        }

        post = OwnerByline.AsSaved(post with { Slug = record.Slug }, record.Author);
        try
        {
            var resolver = record.MediaHash is null ? null : await MediaOfAsync(post, record.SourceName, cancellationToken);
            return await ArticlePage.RenderAsync(renderer, post, latest, media: resolver, latestHtml: latestHtml, related: related);
        }
        catch (InvalidOperationException ex)
        {
            LogUnrenderable(logger, record.Slug, record.SourceName, ex.Message);
            return null;
        }
    }

    /// <summary>The processed images a stored post shows (found by rendering its body once without them).</summary>
    private async Task<IMediaResolver> MediaOfAsync(Post post, string sourceName, CancellationToken cancellationToken)
    {
        var none = StoredMediaCatalog.Empty.ResolverFor(post.Slug, sourceName);
        var body = renderer.Markdown.RenderAccepted(post.Body, none);
        var images = await media.GetManyAsync(StoredMediaCatalog.KeysOf(body, post, none), cancellationToken);
        return new StoredMediaCatalog(images).ResolverFor(post.Slug, sourceName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The page of {Slug} was not rendered from {SourceName}: {Reason}")]
    private static partial void LogUnrenderable(ILogger logger, string slug, string sourceName, string reason);
}
