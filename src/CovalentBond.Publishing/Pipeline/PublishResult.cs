using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>What publishing one upload did.</summary>
public enum PublishStatus
{
    /// <summary>A post the site did not have before.</summary>
    Created,

    /// <summary>A post that changed.</summary>
    Updated,

    /// <summary>The same post again: nothing changed.</summary>
    Unchanged,

    /// <summary>The upload was refused; see the problems. Nothing was written.</summary>
    Invalid,

    /// <summary>The upload would take another post's source, slug or address (an alias); see the problem. Nothing was written.</summary>
    Conflict,

    /// <summary>The caller may not make this change (another author's post, a Contributor publishing); see the problem. Nothing was written.</summary>
    Forbidden,

    /// <summary>The post is not as the caller read it (<c>If-Match</c>), or exists when it should not (<c>If-None-Match: *</c>). Nothing was written.</summary>
    PreconditionFailed,

    /// <summary>A change of an existing post over HTTP came without <c>If-Match</c>. Nothing was written.</summary>
    PreconditionRequired,
}

/// <summary>The outcome of publishing one upload.</summary>
public sealed record PublishResult
{
    public required PublishStatus Status { get; init; }

    public string? Slug { get; init; }

    /// <summary>Where the post stands now: published, scheduled, draft, ...</summary>
    public PostStatus? PostStatus { get; init; }

    /// <summary>When a scheduled post will appear.</summary>
    public DateTimeOffset? GoesLiveAt { get; init; }

    /// <summary>The article page's path in the site, <c>posts/{slug}/index.html</c>.</summary>
    public string? PagePath { get; init; }

    /// <summary>The article's address relative to the site root, <c>/posts/{slug}/</c>.</summary>
    public string? Url { get; init; }

    public IReadOnlyList<PostProblem> Problems { get; init; } = [];

    /// <summary>Site files written or removed by this publish (unchanged files are skipped).</summary>
    public IReadOnlyList<string> PagesWritten { get; init; } = [];

    /// <summary>What an editor should look at (an image without alt text, one not uploaded yet): the post published anyway.</summary>
    public IReadOnlyList<PostProblem> Warnings { get; init; } = [];

    public static PublishResult Invalid(IReadOnlyList<PostProblem> problems) =>
        new() { Status = PublishStatus.Invalid, Problems = problems };

    public static PublishResult Conflict(PostProblem problem) =>
        new() { Status = PublishStatus.Conflict, Problems = [problem] };

    public static PublishResult Forbidden(string slug, string reason) =>
        new() { Status = PublishStatus.Forbidden, Slug = slug, Problems = [new PostProblem(null, null, reason)] };

    public static PublishResult Refused(PublishStatus status, string slug, string reason) =>
        new() { Status = status, Slug = slug, Problems = [new PostProblem(null, null, reason)] };

    /// <summary>The post's entity tag after the save, for the next <c>If-Match</c>.</summary>
    public string? ETag { get; init; }

    /// <summary>True when nothing was published: the upload was invalid, in conflict or not the caller's to make.</summary>
    public bool IsRefused => Status is PublishStatus.Invalid or PublishStatus.Conflict or PublishStatus.Forbidden
        or PublishStatus.PreconditionFailed or PublishStatus.PreconditionRequired;
}
