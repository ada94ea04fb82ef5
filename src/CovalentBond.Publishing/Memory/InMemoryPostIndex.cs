using System.Runtime.CompilerServices;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Memory;

/// <summary>
/// The post index in memory, with the table adapter's rules (docs/post-index.md): a record per post versioned by its
/// changes; lists (latest, per tag, per month) sorted newest first, each with a count and a change counter that
/// grows with every row added, changed or removed; summaries of tags and months whose counter is the sum of theirs,
/// a tag keeping the first spelling it was published with. One lock stands for the table's per-post lease.
/// The build fills one from a folder and renders its list pages from it as publishing renders them from the table; the
/// tests' in-memory stores use it as their index. The contract suite holds it to the table adapter's behaviour.
/// </summary>
public sealed class InMemoryPostIndex(SiteOptions site, TimeProvider clock) : IPostIndex
{
    private readonly Dictionary<string, PostRecord> records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> slugOfSource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListState> lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Copy> tagCopies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Copy> monthCopies = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ScheduledChange> due = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task<PostRecord?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(records.GetValueOrDefault(slug));
        }
    }

    public Task<IndexDelta> SaveAsync(PostRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var old = records.GetValueOrDefault(record.Slug);
            var changed = old is null || !old.SameAs(record);
            var saved = record with { Version = old is null ? 1 : changed ? old.Version + 1 : old.Version };
            var desired = Placements(saved);
            var stale = (old is null ? [] : Placements(old)).Except(desired).ToList();
            if (changed && saved.NextChangeAt is { } next)
            {
                due[DueKey(new ScheduledChange(saved.Slug, next))] = new ScheduledChange(saved.Slug, next);
            }

            records[saved.Slug] = saved;
            if (saved.Status != PostStatus.Moved)
            {
                slugOfSource[saved.SourceName] = saved.Slug;
            }

            var changedLists = new HashSet<PostList>();
            var recounted = new HashSet<PostList>();
            var row = new Row(saved.Summary, saved.Version); // one summary shared by every list the post is in
            foreach (var (list, key) in desired)
            {
                var state = lists.TryGetValue(list.Key, out var s) ? s : lists[list.Key] = new ListState();
                var existing = state.Rows.GetValueOrDefault(key);
                if (existing is not null && existing.SameAs(row))
                {
                    continue;
                }

                state.Rows[key] = row;
                state.Seq++;
                state.LastModified = state.Seq == 1 || saved.Modified > state.LastModified ? saved.Modified : state.LastModified;
                changedLists.Add(list);
                if (existing is null)
                {
                    recounted.Add(list);
                }
            }

            foreach (var (list, key) in stale)
            {
                if (lists.GetValueOrDefault(list.Key) is { } state && state.Rows.Remove(key))
                {
                    state.Seq++;
                    var now = clock.GetUtcNow();
                    state.LastModified = now > state.LastModified ? now : state.LastModified;
                    changedLists.Add(list);
                    recounted.Add(list);
                }
            }

            foreach (var list in desired.Concat(stale).Select(p => p.List).Distinct())
            {
                if (list.IsTag)
                {
                    var tag = saved.Tags.Concat(old?.Tags ?? []).First(t => t.Slug == list.TagSlug);
                    Sync(tagCopies, list.TagSlug, list, tag.Name);
                }
                else if (list.IsMonth)
                {
                    Sync(monthCopies, list.Key, list, null);
                }
            }

            if (old?.NextChangeAt is { } previous && previous != saved.NextChangeAt)
            {
                due.Remove(DueKey(new ScheduledChange(saved.Slug, previous)));
            }

            return Task.FromResult(new IndexDelta { Old = old, New = saved, RecordChanged = changed, ChangedLists = changedLists, RecountedLists = recounted });
        }
    }

    public Task<string?> SlugOfSourceAsync(string sourceName, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(slugOfSource.GetValueOrDefault(sourceName));
        }
    }

    public Task<ListSlice> ListAsync(PostList list, int count, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(lists.GetValueOrDefault(list.Key) is { } state
                ? new ListSlice(state.Rows.Values.Take(count).Select(r => r.Summary).ToList(), state.Rows.Count, state.Seq)
                : new ListSlice([], 0, 0));
        }
    }

    public Task<Counted<TagCount>> TagsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // Ordered as the table's row keys (the tag slugs); a tag with no posts left keeps its counter (a tombstone).
            var tags = tagCopies.OrderBy(c => c.Key, StringComparer.Ordinal).Where(c => c.Value.Count > 0)
                .Select(c => new TagCount(new Tag(c.Value.Name!, c.Key), c.Value.Count)).ToList();
            return Task.FromResult(new Counted<TagCount>(tags, tagCopies.Values.Sum(c => c.Seq)));
        }
    }

    public Task<Counted<MonthCount>> MonthsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var months = monthCopies.OrderBy(c => c.Key, StringComparer.Ordinal).Where(c => c.Value.Count > 0)
                .Select(c => new PostList(c.Key).YearMonth is var (year, month) ? new MonthCount(year, month, c.Value.Count, c.Value.LastModified) : null)
                .ToList();
            return Task.FromResult(new Counted<MonthCount>(months!, monthCopies.Values.Sum(c => c.Seq)));
        }
    }

    public Task<IReadOnlyList<ScheduledChange>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ScheduledChange>>(due.Values.Where(d => d.At.UtcTicks <= now.UtcTicks).Take(max).ToList());
        }
    }

    public Task ForgetAsync(ScheduledChange change, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            due.Remove(DueKey(change));
            return Task.CompletedTask;
        }
    }

    public async IAsyncEnumerable<PostRecord> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<PostRecord> all;
        lock (gate)
        {
            all = records.Values.OrderBy(r => r.Slug, StringComparer.Ordinal).ToList();
        }

        foreach (var record in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<PostRecord>> RangeAsync(string first, string last, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<PostRecord>>(records.Values
                .Where(r => string.CompareOrdinal(r.Slug, first) >= 0 && string.CompareOrdinal(r.Slug, last) <= 0)
                .OrderBy(r => r.Slug, StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>
    /// The lists a record is in, each with its row's key: newest first as the table's <see cref="PostList.SortKey"/>
    /// (inverted ticks, then the slug), kept as a pair rather than the table's string (a build holds one a list a post).
    /// </summary>
    private List<(PostList List, RowKey Key)> Placements(PostRecord record) =>
        PostList.Of(record, site).Select(l => (l, new RowKey(PostList.SortDateOf(l, record).UtcTicks, record.Slug))).Distinct().ToList();

    /// <summary>Copies a list's counter into its summary, unless the copy is as new; the first name a tag had stays.</summary>
    private void Sync(Dictionary<string, Copy> copies, string key, PostList list, string? name)
    {
        var state = lists.GetValueOrDefault(list.Key);
        var seq = state?.Seq ?? 0;
        var copy = copies.GetValueOrDefault(key);
        if (copy is not null ? copy.Seq >= seq : seq == 0)
        {
            return;
        }

        copies[key] = new Copy(copy?.Name ?? name, state?.Rows.Count ?? 0, seq, state?.LastModified ?? copy?.LastModified ?? default);
    }

    private static string DueKey(ScheduledChange change) => change.At.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_" + change.Slug;

    /// <summary>A row's place in a list: newest first, then by slug in ordinal order, as the table's row keys sort.</summary>
    private readonly record struct RowKey(long Ticks, string Slug) : IComparable<RowKey>
    {
        public int CompareTo(RowKey other) => Ticks != other.Ticks ? other.Ticks.CompareTo(Ticks) : string.CompareOrdinal(Slug, other.Slug);
    }

    /// <summary>A list: its rows by sort key (newest first), its change counter and its last change.</summary>
    private sealed class ListState
    {
        public SortedDictionary<RowKey, Row> Rows { get; } = [];

        public long Seq { get; set; }

        public DateTimeOffset LastModified { get; set; }
    }

    /// <summary>A post's row in a list: what the list shows of it, and the record version it was written from.</summary>
    private sealed record Row(PostSummary Summary, long Version)
    {
        public bool SameAs(Row other) =>
            Version == other.Version && Summary.Slug == other.Summary.Slug && Summary.Title == other.Summary.Title
            && Summary.Subtitle == other.Summary.Subtitle && Summary.Author == other.Summary.Author
            && Summary.Date == other.Summary.Date && Summary.Modified == other.Summary.Modified
            && Summary.Tags.Select(t => t.Name).SequenceEqual(other.Summary.Tags.Select(t => t.Name))
            && Equals(Summary.Hero?.Hash, other.Summary.Hero?.Hash) && Equals(Summary.Hero?.Key, other.Summary.Hero?.Key);
    }

    private sealed record Copy(string? Name, int Count, long Seq, DateTimeOffset LastModified);
}
