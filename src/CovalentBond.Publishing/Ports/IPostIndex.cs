using CovalentBond.Publishing.Index;

namespace CovalentBond.Publishing.Ports;

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
