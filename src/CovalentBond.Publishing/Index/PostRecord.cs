using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Index;

/// <summary>Where a post stands.</summary>
public enum PostStatus
{
    /// <summary>On the site and in every list that should show it.</summary>
    Published,

    /// <summary>Stored and indexed, shown nowhere until its publish time.</summary>
    Scheduled,

    /// <summary>Stored and indexed, never shown.</summary>
    Draft,

    /// <summary>A draft submitted for review: never shown; an Editor approves (publishes) it or returns it with a note.</summary>
    InReview,

    /// <summary>Its expiry date has passed: taken off the site.</summary>
    Expired,

    /// <summary>Taken off the site by an author; the source is kept.</summary>
    Unpublished,

    /// <summary>Deleted by an author: its address answers "gone"; the source is kept until purged.</summary>
    Deleted,

    /// <summary>Its source now publishes under another slug: the old address redirects there.</summary>
    Moved,
}

/// <summary>A status as tools show and take it: <c>published</c>, <c>in-review</c>, ….</summary>
public static class PostStatusWords
{
    public static string Of(PostStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    /// <summary>The status a word names (<c>in-review</c> or <c>inreview</c>, any case), or null.</summary>
    public static PostStatus? Parse(string word) =>
        Enum.GetValues<PostStatus>().Cast<PostStatus?>().FirstOrDefault(s =>
            string.Equals(Of(s!.Value), word, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Value.ToString(), word, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> All => Enum.GetValues<PostStatus>().Select(Of);
}

/// <summary>The index's authoritative record of one post: its front matter, its source and its status.</summary>
public sealed record PostRecord
{
    public required string Slug { get; init; }

    public required string Title { get; init; }

    public string? Subtitle { get; init; }

    public string? Author { get; init; }

    public required DateTimeOffset Date { get; init; }

    public DateTimeOffset Modified { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The post's corrections, oldest first: what <c>/corrections/</c> lists, read from the record.</summary>
    public IReadOnlyList<PostNote> Corrections { get; init; } = [];

    /// <summary>The name of the source blob in the source store.</summary>
    public required string SourceName { get; init; }

    /// <summary>SHA-256 of the source bytes, lowercase hex.</summary>
    public required string ContentHash { get; init; }

    /// <summary>
    /// A hash of the processed images the post's page shows (their content hashes), or null when it shows none:
    /// an image arriving or changing changes the record, so the page is rendered again through the incremental path.
    /// </summary>
    public string? MediaHash { get; init; }

    /// <summary>The hero, when it is one of the site's processed images (its changes are seen through <see cref="MediaHash"/>).</summary>
    public Media.MediaImage? Hero { get; init; }

    public PostStatus Status { get; init; } = PostStatus.Published;

    /// <summary>When a scheduled post goes live.</summary>
    public DateTimeOffset GoesLiveAt { get; init; }

    public DateTimeOffset? ExpiryDate { get; init; }

    /// <summary>For a <see cref="PostStatus.Moved"/> post, the slug it moved to.</summary>
    public string? MovedTo { get; init; }

    /// <summary>Who created the post (its owner): the caller of its first accepted version; null for a post from before sign-in.</summary>
    public Identity.Principal? CreatedBy { get; init; }

    /// <summary>Who made the last accepted change (publish, edit, withdraw, restore).</summary>
    public Identity.Principal? ChangedBy { get; init; }

    /// <summary>An Editor's note when the post was returned from review; cleared when it is submitted again.</summary>
    public string? ReviewNote { get; init; }

    /// <summary>When that change was accepted.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>
    /// The post's entity tag for <c>If-Match</c>: its source and its status. A picture arriving or a republish does not
    /// change it; an edit, an unpublish or a restore does.
    /// </summary>
    public string ETag => $"\"{ContentHash[..Math.Min(32, ContentHash.Length)]}.{Status.ToString().ToLowerInvariant()}\"";

    /// <summary>Increases by one with every change of the record; guards pages against older renders.</summary>
    public long Version { get; init; }

    public bool IsListed => Status == PostStatus.Published;

    /// <summary>
    /// When this record's status changes by itself: a scheduled post goes live, a published post with
    /// an expiry date is taken off. Null when nothing is due.
    /// </summary>
    public DateTimeOffset? NextChangeAt => Status switch
    {
        PostStatus.Scheduled => GoesLiveAt,
        PostStatus.Published when ExpiryDate is { } expiry => expiry,
        _ => null,
    };

    public PostSummary Summary => new(Slug, Title, Subtitle, Date) { Author = Author, Modified = Modified, Tags = Tags, Hero = Hero };

    /// <summary>The record of a post as read now: published, scheduled, draft or expired.</summary>
    public static PostRecord Of(Post post, string sourceName, string contentHash, DateTimeOffset now) => new()
    {
        Slug = post.Slug,
        Title = post.Title,
        Subtitle = post.Subtitle,
        Author = post.Author,
        Date = post.Date,
        Modified = post.Modified,
        Tags = post.Tags,
        Aliases = post.Aliases,
        Corrections = post.Corrections,
        SourceName = sourceName,
        ContentHash = contentHash,
        GoesLiveAt = post.GoesLiveAt,
        ExpiryDate = post.ExpiryDate,
        Status = post.VisibilityAt(now) switch
        {
            PostVisibility.Draft => PostStatus.Draft,
            PostVisibility.Scheduled => PostStatus.Scheduled,
            PostVisibility.Expired => PostStatus.Expired,
            _ => PostStatus.Published,
        },
    };

    /// <summary>Equal in everything but <see cref="Version"/> (records compare lists by reference).</summary>
    public bool SameAs(PostRecord other) =>
        Slug == other.Slug && Title == other.Title && Subtitle == other.Subtitle && Author == other.Author
        && Date == other.Date && Date.Offset == other.Date.Offset && Modified == other.Modified
        && SourceName == other.SourceName && ContentHash == other.ContentHash && MediaHash == other.MediaHash && Status == other.Status
        && GoesLiveAt == other.GoesLiveAt && ExpiryDate == other.ExpiryDate && MovedTo == other.MovedTo && ReviewNote == other.ReviewNote
        && Tags.SequenceEqual(other.Tags) && Aliases.SequenceEqual(other.Aliases) && Corrections.SequenceEqual(other.Corrections);
}
