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

    /// <summary>The site's author profiles, as the theme in use has them (for the byline of a post without one).</summary>
    public Authors.AuthorProfiles Profiles => renderer.Theme.Authors;

    /// <summary>
    /// A post that uses every part of reading and rendering a first post compiles and loads: front matter, Markdig's
    /// extensions, raw HTML through the sanitizer and its HTML parser, a frame, a table, a shortcode.
    /// </summary>
    private const string WarmUpPost = """
        ---
        title: "Warm-up: a post that is never published"
        date: 2025-05-20T09:30:00+02:00
        tags: [Warm-up, Türkiye]
        aliases: [/warm-up/]
        image: /media/warm-up.jpg
        ---
        # Heading *with* **emphasis** and `code`

        A paragraph with a [link](https://example.com/x) and a footnote[^1], "quotes" -- and <span title="t">inline HTML</span>.

        | left | centre | right |
        |:-----|:------:|------:|
        | 1    | 2      | 3     |

        <div class="box"><p style="color: red" onclick="x()">Raw HTML <b>block</b></p><script>alert(1)</script></div>

        <iframe src="https://www.youtube.com/embed/x" width="560" height="315"></iframe>

        {{< youtube abc >}}

        > A quote with ![an image](/media/warm-up.jpg)

        - a list
        - [ ] a task

        [^1]: The footnote.
        """;

    private static int warmedUp;

    /// <summary>
    /// Reads and renders <see cref="WarmUpPost"/> once per process, outside any budget: what a first post costs a cold
    /// process (compiling and loading the code it runs) is the process's, not the post's. Without it a cold Functions
    /// instance or a fresh <c>covalent</c> process refused short posts with raw HTML on a busy machine.
    /// </summary>
    private void WarmUp()
    {
        if (Volatile.Read(ref warmedUp) == 1 || Interlocked.Exchange(ref warmedUp, 1) == 1)
        {
            return;
        }

        var parsed = reader.Read(System.Text.Encoding.UTF8.GetBytes(WarmUpPost), "warm-up.md");
        if (parsed.Post is { } post)
        {
            renderer.Markdown.Render(post.Body, post.BodyLine, out _, NoMedia.Instance, new CpuDeadline(TimeSpan.FromMinutes(1)));
        }
    }

    /// <param name="media">The site's processed images, for pictures in the body and the cover; none when null.</param>
    public Preparation Prepare(ReadOnlySpan<byte> content, string? fileName = null, string? requestedSlug = null, IMediaCatalog? media = null)
    {
        WarmUp();
        var deadline = new CpuDeadline(PostLimits.RenderBudget);
        var parsed = reader.Read(content, fileName, requestedSlug);
        if (!parsed.IsValid)
        {
            return new Preparation(null, parsed.Problems);
        }

        return Render(parsed.Post!, fileName, media, deadline);
    }

    /// <summary>Renders the body of a post whose front matter was read before (a build reads each once), within the same budget.</summary>
    public Preparation Prepare(Post post, string? fileName, IMediaCatalog? media)
    {
        WarmUp();
        return Render(post, fileName, media, new CpuDeadline(PostLimits.RenderBudget));
    }

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
