using System.Diagnostics;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Publishing.Publishing;

/// <summary>A post that has been read, checked against every limit and rendered, in memory: it will publish.</summary>
public sealed record PreparedPost(Post Post, RenderedBody Body);

/// <summary>What deciding on an upload came to: a post ready to store, or its problems.</summary>
public sealed record Preparation(PreparedPost? Prepared, IReadOnlyList<PostProblem> Problems)
{
    public bool IsValid => Prepared is not null;
}

/// <summary>
/// Decides before anything is written: reads an upload, checks it against the limits of every store and
/// format, and renders its body, all in memory and within <see cref="PostLimits.RenderBudget"/>. Only a post
/// that comes through here is stored; the body rendered here is the one its page shows.
/// </summary>
public sealed class PostPreparer(PostReader reader, PageRenderer renderer)
{
    public PostReader Reader => reader;

    public Preparation Prepare(ReadOnlySpan<byte> content, string? fileName = null, string? requestedSlug = null)
    {
        var started = Stopwatch.GetTimestamp();
        var parsed = reader.Read(content, fileName, requestedSlug);
        if (!parsed.IsValid)
        {
            return new Preparation(null, parsed.Problems);
        }

        var post = parsed.Post!;
        var body = renderer.Markdown.Render(post.Body, post.BodyLine, out var problem);
        if (problem is null && Stopwatch.GetElapsedTime(started) > PostLimits.RenderBudget)
        {
            problem = new PostProblem(post.BodyLine, "body", new RenderBudgetExceededException(PostLimits.RenderBudget).Message);
        }

        return problem is null ? new Preparation(new PreparedPost(post, body), []) : new Preparation(null, [problem]);
    }
}
