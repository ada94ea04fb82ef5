using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Preview;

/// <summary>What a preview came to: the article page as it would be published, or the problems that keep it from publishing.</summary>
/// <param name="Html">The whole page (layout, theme, latest news), or null when the post would be refused.</param>
/// <param name="Url">The address the post would have.</param>
public sealed record PreviewResult(string? Html, string? Url, IReadOnlyList<PostProblem> Problems, IReadOnlyList<PostProblem> Warnings)
{
    public bool IsValid => Html is not null;
}

/// <summary>
/// Renders a post that is not saved, as its page will look once published: the same reader, limits, renderer, theme,
/// processed pictures and latest news as a publish, and the byline its owner's profile would give it. It writes nothing
/// (no source, no index row, no claim of an alias or a picture) and records nothing: it is the editor's live preview.
/// </summary>
public sealed class PostPreviewer(PostPreparer preparer, PageRenderer renderer, IPostIndex index, IMediaIndex media)
{
    /// <param name="content">The post's source as the author has it now.</param>
    /// <param name="slug">The post's slug when it exists (its pictures are found beside its source); null for a new one.</param>
    /// <param name="by">Who asks: a new post's owner, for the byline and for who may name whom.</param>
    public async Task<PreviewResult> PreviewAsync(ReadOnlyMemory<byte> content, string? slug, Caller by, CancellationToken cancellationToken)
    {
        var existing = slug is null ? null : await index.GetAsync(slug, cancellationToken);
        var sourceName = existing is { Status: not PostStatus.Moved } own ? own.SourceName : null;
        var preparation = preparer.Prepare(content.Span, sourceName, slug, StoredMediaCatalog.Empty);
        if (!preparation.IsValid)
        {
            return new PreviewResult(null, null, preparation.Problems, []);
        }

        // The pictures it shows, read and not claimed: rendered as the page will show them once saved.
        var prepared = preparation.Prepared!;
        var keys = StoredMediaCatalog.KeysOf(prepared);
        if (keys.Count > 0 && await media.GetManyAsync(keys, cancellationToken) is { Count: > 0 } images
            && preparer.Prepare(content.Span, sourceName, slug ?? prepared.Post.Slug, new StoredMediaCatalog(images)).Prepared is { } withImages)
        {
            prepared = withImages;
        }

        var owner = existing is { Status: not PostStatus.Moved } ? existing.CreatedBy : Principal.Of(by);
        var problems = new List<PostProblem>();
        if (PostAccess.RefusesByline(by, prepared.Post.Author, owner, preparer.Profiles) is { } byline)
        {
            problems.Add(new PostProblem(null, "author", byline));
        }

        var post = OwnerByline.Credit(prepared.Post, owner, preparer.Profiles);
        var latest = await index.ListAsync(PostList.Latest, renderer.Site.LatestCount + 1, cancellationToken);
        var page = await ArticlePage.RenderAsync(renderer, post, latest.Posts.Where(p => p.Slug != post.Slug).Take(renderer.Site.LatestCount).ToList(), prepared.Body, prepared.Media);
        return new PreviewResult(
            System.Text.Encoding.UTF8.GetString(page.Content),
            renderer.Site.ArticleUrl(post.Slug, post.Date),
            problems,
            prepared.Warnings);
    }
}
