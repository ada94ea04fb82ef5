using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Index;

/// <summary>
/// The table-backed index: one authoritative record per post and the lists derived from it (latest,
/// per tag, per month) with their counts. Every list read is one single-partition range query.
/// </summary>
public interface IPostIndex
{
    /// <summary>The record of a post, or null when the index does not know it.</summary>
    Task<PostRecord?> GetAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Records a post (its version is set by the index) and brings every list it is or was in up to date.
    /// Serialized per post and idempotent: saving the same record again changes nothing.
    /// </summary>
    Task<IndexDelta> SaveAsync(PostRecord record, CancellationToken cancellationToken);

    /// <summary>The slug a source was last published under, or null when the index has not seen it.</summary>
    Task<string?> SlugOfSourceAsync(string sourceName, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="count"/> posts of a list, with the list's size and change counter.</summary>
    Task<ListSlice> ListAsync(PostList list, int count, CancellationToken cancellationToken);

    /// <summary>Every tag with its number of published posts.</summary>
    Task<Counted<TagCount>> TagsAsync(CancellationToken cancellationToken);

    /// <summary>Every month with published posts, with its count and last change.</summary>
    Task<Counted<MonthCount>> MonthsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Posts whose status is due to change by <paramref name="now"/> (scheduled posts to go live,
    /// published posts to expire), oldest first, at most <paramref name="max"/>. One range query.
    /// </summary>
    Task<IReadOnlyList<ScheduledChange>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Removes a due entry that no longer matches its record (the record changed since).</summary>
    Task ForgetAsync(ScheduledChange change, CancellationToken cancellationToken);

    /// <summary>Every record. A scan: for rebuilds and verification, never for publishing.</summary>
    IAsyncEnumerable<PostRecord> AllAsync(CancellationToken cancellationToken);

    /// <summary>The records of the slugs from <paramref name="first"/> to <paramref name="last"/> (ordinal order, both included): one range query, for a republish batch.</summary>
    Task<IReadOnlyList<PostRecord>> RangeAsync(string first, string last, CancellationToken cancellationToken);
}

/// <summary>The newest posts of a list. <see cref="Seq"/> grows with every change to the list.</summary>
public sealed record ListSlice(IReadOnlyList<PostSummary> Posts, int Count, long Seq);

/// <summary>A set of counted things, and a change counter that grows whenever any of them changes.</summary>
public sealed record Counted<T>(IReadOnlyList<T> Items, long Seq);

public sealed record TagCount(Tag Tag, int Count);

/// <summary>A post whose status changes by itself at <see cref="At"/>: it goes live or expires.</summary>
public sealed record ScheduledChange(string Slug, DateTimeOffset At);

public sealed record MonthCount(int Year, int Month, int Count, DateTimeOffset LastModified);

/// <summary>What saving a record changed in the index, for the publish plan.</summary>
public sealed record IndexDelta
{
    /// <summary>The record before this save, or null for a new post.</summary>
    public PostRecord? Old { get; init; }

    /// <summary>The record as saved, with its version.</summary>
    public required PostRecord New { get; init; }

    /// <summary>True when the record itself changed.</summary>
    public bool RecordChanged { get; init; }

    /// <summary>Lists whose rows changed (a post added, removed or edited in them).</summary>
    public IReadOnlySet<PostList> ChangedLists { get; init; } = new HashSet<PostList>();

    /// <summary>Lists whose number of posts changed.</summary>
    public IReadOnlySet<PostList> RecountedLists { get; init; } = new HashSet<PostList>();
}
