using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using CovalentBond.Storage.Blobs;
using CovalentBond.Storage.Hosting;
using static CovalentBond.Storage.Tables.IndexEntities;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// The post index in Azure Table Storage; the layout and the queries it serves are in <c>docs/post-index.md</c>.
/// Records live in partition <c>post</c>; each list (<c>latest</c>, <c>tag-{slug}</c>, <c>month-{yyyy}-{mm}</c>)
/// is a partition whose row keys sort newest first, with a counter row <c>~</c> (count and change counter)
/// updated in the same transaction as the list's rows; partitions <c>tags</c> and <c>months</c> copy the
/// counts so that "all tags" and "all months" are single-partition reads too. The list rows are kept by
/// <see cref="IndexListRows"/>, the summary copies by <see cref="IndexSummaries"/>, and the entities'
/// shapes are in <see cref="IndexEntities"/>; this class orders them into one save.
/// </summary>
public sealed class TablePostIndex(StorageProvisioner storage, SiteOptions site, TimeProvider clock) : IPostIndex
{
    internal const string PostPartition = "post";
    internal const string TagsPartition = "tags";
    internal const string MonthsPartition = "months";
    internal const string SourcesPartition = "source";
    internal const string DuePartition = "due";

    /// <summary>The counter row of a partition; '~' sorts after every list row key.</summary>
    internal const string CounterRow = "~";

    private TableClient Table => storage.IndexTable;

    // The tags and months summaries (one small row per tag and per month) live in a table of their own:
    // reading one is a whole-partition query, and a small table keeps it cheap even on emulators that
    // scan the entire table for every query (Azurite).
    private TableClient Summaries => storage.SummaryTable;

    private IndexListRows Rows => new(Table, clock);

    private IndexSummaries Copies => new(Table, Summaries);

    public async Task<PostRecord?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PostPartition, slug, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    public async Task<IndexDelta> SaveAsync(PostRecord record, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);

        // One writer per post at a time; different posts proceed in parallel.
        await using var postLock = await BlobPostLock.AcquireAsync(storage, record.Slug, cancellationToken);

        var current = await Table.GetEntityIfExistsAsync<TableEntity>(PostPartition, record.Slug, cancellationToken: cancellationToken);
        var old = current.HasValue ? ToRecord(current.Value!) : null;
        var oldStale = current.HasValue ? ReadStale(current.Value!) : [];
        var changed = old is null || !old.SameAs(record);
        var saved = record with { Version = old is null ? 1 : changed ? old.Version + 1 : old.Version };

        var desired = Placements(saved);
        var stale = oldStale.Union(old is null ? [] : Placements(old)).Except(desired).ToHashSet();

        // Write the record with the rows still to remove (an intent log): if this run dies half-way,
        // the next save of the post finishes the cleanup.
        // A change due later (going live, expiring) is noted before the record, so no crash can leave
        // a scheduled record that nothing wakes; a note left over is dropped by the sweep.
        if (changed && saved.NextChangeAt is { } next)
        {
            await Table.UpsertEntityAsync(DueEntity(new ScheduledChange(saved.Slug, next)), TableUpdateMode.Replace, cancellationToken);
        }

        var etag = current.HasValue ? current.Value!.ETag : default;
        if (changed || !stale.SetEquals(oldStale))
        {
            etag = await WriteRecordAsync(saved, stale, current.HasValue ? etag : null, cancellationToken);
        }

        // Which slug each source publishes under, so a changed front matter slug is seen as a move.
        // The pointer is written under this post's lease; the last publish of a source wins, which is
        // the meaning wanted (the slug the source publishes under now).
        if (saved.Status != PostStatus.Moved && await SlugOfSourceAsync(saved.SourceName, cancellationToken) != saved.Slug)
        {
            await Table.UpsertEntityAsync(
                new TableEntity(SourcesPartition, SourceKey(saved.SourceName)) { ["Slug"] = saved.Slug },
                TableUpdateMode.Replace,
                cancellationToken);
        }

        var changedLists = new HashSet<PostList>();
        var recounted = new HashSet<PostList>();
        foreach (var placement in desired)
        {
            var (rowChanged, countChanged) = await Rows.EnsureRowAsync(placement, saved, cancellationToken);
            Note(placement.List, rowChanged, countChanged);
        }

        foreach (var placement in stale)
        {
            var (rowChanged, countChanged) = await Rows.RemoveRowAsync(placement, cancellationToken);
            Note(placement.List, rowChanged, countChanged);
        }

        if (stale.Count > 0)
        {
            await WriteRecordAsync(saved, new HashSet<Placement>(), etag, cancellationToken);
        }

        // Keep the copies of the counts in "tags" and "months" in step, for every list this post touches:
        // a crashed earlier run may have left them behind, and a copy that is current is not rewritten.
        foreach (var list in desired.Concat(stale).Select(p => p.List).Distinct())
        {
            if (list.IsTag)
            {
                await Copies.SyncTagAsync(list, saved.Tags.Concat(old?.Tags ?? []).First(t => t.Slug == list.TagSlug), cancellationToken);
            }
            else if (list.IsMonth)
            {
                await Copies.SyncMonthAsync(list, cancellationToken);
            }
        }

        if (old?.NextChangeAt is { } previous && previous != saved.NextChangeAt)
        {
            await ForgetAsync(new ScheduledChange(saved.Slug, previous), cancellationToken);
        }

        return new IndexDelta { Old = old, New = saved, RecordChanged = changed, ChangedLists = changedLists, RecountedLists = recounted };

        void Note(PostList list, bool rowChanged, bool countChanged)
        {
            if (rowChanged)
            {
                changedLists.Add(list);
            }

            if (countChanged)
            {
                recounted.Add(list);
            }
        }
    }

    public async Task<IReadOnlyList<ScheduledChange>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var until = DueKey(new ScheduledChange(string.Empty, now)) + "~";
        var due = new List<ScheduledChange>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == DuePartition && e.RowKey.CompareTo(until) < 0, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            due.Add(new ScheduledChange(row.GetString("Slug"), ParseDate(row.GetString("At"))));
            if (due.Count == max)
            {
                break;
            }
        }

        return due;
    }

    public async Task ForgetAsync(ScheduledChange change, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await Table.DeleteEntityAsync(DuePartition, DueKey(change), ETag.All, cancellationToken);
    }

    /// <summary>Due entries sort by time (UTC ticks, fixed width), then slug.</summary>
    private static string DueKey(ScheduledChange change) =>
        change.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "_" + change.Slug;

    private static TableEntity DueEntity(ScheduledChange change) => new(DuePartition, DueKey(change))
    {
        ["Slug"] = change.Slug,
        ["At"] = FormatDate(change.At),
    };

    public async Task<string?> SlugOfSourceAsync(string sourceName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(SourcesPartition, SourceKey(sourceName), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Slug") : null;
    }

    // Row keys may not hold '/', '\', '#' or '?': escape the blob name.
    private static string SourceKey(string sourceName) => Uri.EscapeDataString(sourceName);

    public async Task<ListSlice> ListAsync(PostList list, int count, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);

        // The counter first: the rows read after it are at least as new as the change counter says.
        var counter = await Table.GetEntityIfExistsAsync<TableEntity>(list.Key, CounterRow, cancellationToken: cancellationToken);
        if (!counter.HasValue)
        {
            return new ListSlice([], 0, 0);
        }

        var total = counter.Value!.GetInt32("Count") ?? 0;
        var seq = counter.Value!.GetInt64("Seq") ?? 0;

        // The newest rows are kept in the counter itself: most reads are one point read.
        if (ListHead.Read(counter.Value!) is { } head && (count <= head.Count || head.Count == total))
        {
            return new ListSlice(head.Take(count).Select(e => e.Summary).ToList(), total, seq);
        }

        var posts = new List<PostSummary>();
        if (count > 0)
        {
            var query = Table.QueryAsync<TableEntity>(
                e => e.PartitionKey == list.Key && e.RowKey.CompareTo(CounterRow) < 0,
                maxPerPage: Math.Min(count, 1000),
                cancellationToken: cancellationToken);
            await foreach (var row in query)
            {
                posts.Add(ToSummary(row));
                if (posts.Count == count)
                {
                    break;
                }
            }
        }

        return new ListSlice(posts, total, seq);
    }

    public async Task<Counted<TagCount>> TagsAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var (rows, seq) = await Copies.ReadCopiesAsync(TagsPartition, cancellationToken);
        return new(rows.Select(r => new TagCount(new Tag(r.GetString("Name"), r.RowKey), r.GetInt32("Count") ?? 0)).ToList(), seq);
    }

    public async Task<Counted<MonthCount>> MonthsAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var (rows, seq) = await Copies.ReadCopiesAsync(MonthsPartition, cancellationToken);
        return new(
            rows.Select(r =>
            {
                var (year, month) = PostList.Month(int.Parse(r.RowKey[..4], CultureInfo.InvariantCulture), int.Parse(r.RowKey[5..], CultureInfo.InvariantCulture)).YearMonth;
                return new MonthCount(year, month, r.GetInt32("Count") ?? 0, ParseDate(r.GetString("LastModified")));
            }).ToList(),
            seq);
    }

    public async IAsyncEnumerable<PostRecord> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == PostPartition, cancellationToken: cancellationToken))
        {
            yield return ToRecord(row);
        }
    }

    public async Task<IReadOnlyList<PostRecord>> RangeAsync(string first, string last, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var records = new List<PostRecord>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == PostPartition && e.RowKey.CompareTo(first) >= 0 && e.RowKey.CompareTo(last) <= 0, cancellationToken: cancellationToken))
        {
            records.Add(ToRecord(row));
        }

        return records;
    }

    /// <summary>A row of a list: which list, and the row key of the post in it.</summary>
    internal sealed record Placement(PostList List, string RowKey);

    private HashSet<Placement> Placements(PostRecord record) =>
        PostList.Of(record, site).Select(l => new Placement(l, PostList.SortKey(PostList.SortDateOf(l, record), record.Slug))).ToHashSet();

    private async Task<ETag> WriteRecordAsync(PostRecord record, IReadOnlySet<Placement> stale, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var entity = ToEntity(record, stale);
        try
        {
            var response = ifMatch is { } etag
                ? await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : await Table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Under the post's lease no one else writes this row: a conflict means an attempt whose answer
            // was lost already wrote it, and the SDK's retry met its own write. Confirm, and go on.
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(PostPartition, record.Slug, cancellationToken: cancellationToken);
            if (current.HasValue && ToRecord(current.Value!) is { } written && written.SameAs(record) && written.Version == record.Version
                && ReadStale(current.Value!).SetEquals(stale))
            {
                return current.Value!.ETag;
            }

            throw;
        }
    }
}
