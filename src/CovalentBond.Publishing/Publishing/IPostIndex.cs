using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Publishing;

/// <summary>The table-backed index of posts: one authoritative record per post and the lists derived from it.</summary>
public interface IPostIndex
{
    /// <summary>The record of a post, or null when the index does not know it.</summary>
    Task<IndexedPost?> GetAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Records a post and updates the lists that contain it, with optimistic concurrency; writes nothing
    /// when the record is already exactly this.
    /// </summary>
    Task<IndexChange> SaveAsync(IndexedPost post, CancellationToken cancellationToken);

    /// <summary>Every record, in slug order. A full scan of one partition: for rebuilds, not for publishing.</summary>
    IAsyncEnumerable<IndexedPost> AllAsync(CancellationToken cancellationToken);

    /// <summary>The newest posts, newest first.</summary>
    Task<IReadOnlyList<PostSummary>> LatestAsync(int count, CancellationToken cancellationToken);
}

/// <summary>What saving a record did.</summary>
public enum IndexChange
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>The index's record of one post.</summary>
public sealed record IndexedPost
{
    public required string Slug { get; init; }

    public required string Title { get; init; }

    public string? Subtitle { get; init; }

    public string? Author { get; init; }

    public required DateTimeOffset Date { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];

    /// <summary>The name of the source blob in the source store.</summary>
    public required string SourceName { get; init; }

    /// <summary>SHA-256 of the source bytes, lowercase hex.</summary>
    public required string ContentHash { get; init; }

    public static IndexedPost Of(Post post, string sourceName, string contentHash) => new()
    {
        Slug = post.Slug,
        Title = post.Title,
        Subtitle = post.Subtitle,
        Author = post.Author,
        Date = post.Date,
        Tags = post.Tags,
        SourceName = sourceName,
        ContentHash = contentHash,
    };

    public PostSummary Summary => new(Slug, Title, Subtitle, Date);

    /// <summary>Field-by-field equality (records compare lists by reference).</summary>
    public bool SameAs(IndexedPost other) =>
        Slug == other.Slug && Title == other.Title && Subtitle == other.Subtitle && Author == other.Author
        && Date == other.Date && Date.Offset == other.Date.Offset && SourceName == other.SourceName
        && ContentHash == other.ContentHash && Tags.SequenceEqual(other.Tags);
}
