using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>A post that has been read, checked against every limit and rendered, in memory: it will publish.</summary>
public sealed record PreparedPost(Post Post, RenderedBody Body)
{
    /// <summary>The site images the post was rendered with (its page's cover comes from here too).</summary>
    public IMediaResolver Media { get; init; } = NoMedia.Instance;

    /// <summary>The hero, when the post's <c>image</c> is one of the site's processed images.</summary>
    public MediaImage? Hero => Post.Image is { } image ? Media.Resolve(image) : null;

    /// <summary>What an editor should look at (missing alt text, images not uploaded yet): the post publishes anyway.</summary>
    public IReadOnlyList<PostProblem> Warnings => Body.Warnings.Concat(CoverWarnings()).ToList();

    private IEnumerable<PostProblem> CoverWarnings()
    {
        if (Post.Image is { } image && Media.KeyOf(image) is not null && Media.Resolve(image) is null)
        {
            yield return new PostProblem(null, "image", $"'{image}' is not uploaded yet: the page shows it when it arrives");
        }

        if (Post.Image is not null && Post.ImageAlt is null)
        {
            yield return new PostProblem(null, "imageAlt", "is missing: describe the image for readers who cannot see it (an empty imageAlt marks it decorative)");
        }
    }
}

/// <summary>What deciding on an upload came to: a post ready to store, or its problems.</summary>
public sealed record Preparation(PreparedPost? Prepared, IReadOnlyList<PostProblem> Problems)
{
    public bool IsValid => Prepared is not null;
}

/// <summary>
/// Decides before anything is written: reads an upload, checks it against the limits of every store and
/// format, and renders its body, all in memory and within <see cref="PostLimits.RenderBudget"/> of CPU time
/// (<see cref="CpuDeadline"/>: a loaded machine slows a post down but never gets it refused). Only a post
/// that comes through here is stored; the body rendered here is the one its page shows.
/// </summary>
public sealed class PostPreparer(PostReader reader, PageRenderer renderer)
{
    public PostReader Reader => reader;

    /// <param name="media">The site's processed images, for pictures in the body and the cover; none when null.</param>
    public Preparation Prepare(ReadOnlySpan<byte> content, string? fileName = null, string? requestedSlug = null, IMediaCatalog? media = null)
    {
        var deadline = new CpuDeadline(PostLimits.RenderBudget);
        var parsed = reader.Read(content, fileName, requestedSlug);
        if (!parsed.IsValid)
        {
            return new Preparation(null, parsed.Problems);
        }

        return Render(parsed.Post!, fileName, media, deadline);
    }

    /// <summary>Renders the body of a post whose front matter was read before (a build reads each once), within the same budget.</summary>
    public Preparation Prepare(Post post, string? fileName, IMediaCatalog? media) => Render(post, fileName, media, new CpuDeadline(PostLimits.RenderBudget));

    private Preparation Render(Post post, string? fileName, IMediaCatalog? media, CpuDeadline deadline)
    {
        try
        {
            var resolver = (media ?? NoMedia.Instance).ResolverFor(post.Slug, fileName);
            // One budget for reading and rendering: the renderer checks it inside Markdig's parsing and after sanitizing.
            var body = renderer.Markdown.Render(post.Body, post.BodyLine, out var problem, resolver, deadline);
            return problem is null ? new Preparation(new PreparedPost(post, body) { Media = resolver }, []) : new Preparation(null, [problem]);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // One post's unexpected error is its own problem: a build, publish or republish of the others goes on.
            return new Preparation(null, [PostProblem.Unexpected("rendering", e)]);
        }
    }
}
