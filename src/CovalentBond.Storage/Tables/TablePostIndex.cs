using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using CovalentBond.Storage.Blobs;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// The post index in Azure Table Storage; the layout and the queries it serves are in <c>docs/index.md</c>.
/// Records live in partition <c>post</c>; each list (<c>latest</c>, <c>tag-{slug}</c>, <c>month-{yyyy}-{mm}</c>)
/// is a partition whose row keys sort newest first, with a counter row <c>~</c> (count and change counter)
/// updated in the same transaction as the list's rows; partitions <c>tags</c> and <c>months</c> copy the
/// counts so that "all tags" and "all months" are single-partition reads too.
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

    /// <summary>How long a write keeps retrying a contended row before it gives up.</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);

    private TableClient Table => storage.IndexTable;

    // The tags and months summaries (one small row per tag and per month) live in a table of their own:
    // reading one is a whole-partition query, and a small table keeps it cheap even on emulators that
    // scan the entire table for every query (Azurite).
    private TableClient Summaries => storage.SummaryTable;

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
            var (rowChanged, countChanged) = await EnsureRowAsync(placement, saved, cancellationToken);
            Note(placement.List, rowChanged, countChanged);
        }

        foreach (var placement in stale)
        {
            var (rowChanged, countChanged) = await RemoveRowAsync(placement, cancellationToken);
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
                await SyncTagAsync(list, saved.Tags.Concat(old?.Tags ?? []).First(t => t.Slug == list.TagSlug), cancellationToken);
            }
            else if (list.IsMonth)
            {
                await SyncMonthAsync(list, cancellationToken);
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
        var (rows, seq) = await ReadCopiesAsync(TagsPartition, cancellationToken);
        return new(rows.Select(r => new TagCount(new Tag(r.GetString("Name"), r.RowKey), r.GetInt32("Count") ?? 0)).ToList(), seq);
    }

    public async Task<Counted<MonthCount>> MonthsAsync(CancellationToken cancellationToken)
    {
        var (rows, seq) = await ReadCopiesAsync(MonthsPartition, cancellationToken);
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

    /// <summary>A row of a list: which list, and the row key of the post in it.</summary>
    internal sealed record Placement(PostList List, string RowKey);

    private HashSet<Placement> Placements(PostRecord record) =>
        PostList.Of(record, site).Select(l => new Placement(l, PostList.SortKey(record.Date, record.Slug))).ToHashSet();

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

    /// <summary>Adds or refreshes a post's row in a list, with the list's counter, in one transaction.</summary>
    private async Task<(bool Changed, bool Recounted)> EnsureRowAsync(Placement placement, PostRecord record, CancellationToken cancellationToken)
    {
        var wanted = ToListEntity(placement, record);
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            var counter = await Table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, CounterRow, cancellationToken: cancellationToken);
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, placement.RowKey, cancellationToken: cancellationToken);
            if (row.HasValue && SameListRow(row.Value!, wanted))
            {
                return (false, false);
            }

            var head = await HeadOfAsync(placement.List, counter, cancellationToken);
            var newHead = head.Where(e => e.RowKey != placement.RowKey).Append(ListHead.Entry.Of(wanted)).OrderBy(e => e.RowKey, StringComparer.Ordinal).Take(ListHead.Size).ToList();
            var actions = new List<TableTransactionAction>
            {
                row.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, wanted, row.Value!.ETag)
                    : new(TableTransactionActionType.Add, wanted),
                CounterAction(placement.List.Key, counter, row.HasValue ? 0 : 1, record.Modified, newHead),
            };
            if (await TrySubmitAsync(actions, attempt, deadline, cancellationToken))
            {
                return (true, !row.HasValue);
            }
        }
    }

    /// <summary>Removes a post's row from a list, with the list's counter, in one transaction.</summary>
    private async Task<(bool Changed, bool Recounted)> RemoveRowAsync(Placement placement, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            var counter = await Table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, CounterRow, cancellationToken: cancellationToken);
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, placement.RowKey, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return (false, false);
            }

            var head = await HeadOfAsync(placement.List, counter, cancellationToken);
            var newHead = head.Where(e => e.RowKey != placement.RowKey).ToList();
            var total = counter.HasValue ? counter.Value!.GetInt32("Count") ?? 0 : 0;
            if (newHead.Count < head.Count && total > ListHead.Size && head.Count > 0)
            {
                // A row left the full head: the next row after it moves up.
                var last = head[^1].RowKey;
                await foreach (var next in Table.QueryAsync<TableEntity>(
                    e => e.PartitionKey == placement.List.Key && e.RowKey.CompareTo(last) > 0 && e.RowKey.CompareTo(CounterRow) < 0,
                    maxPerPage: 1,
                    cancellationToken: cancellationToken))
                {
                    newHead.Add(ListHead.Entry.Of(next));
                    break;
                }
            }

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Delete, row.Value!, row.Value!.ETag),
                CounterAction(placement.List.Key, counter, -1, clock.GetUtcNow(), newHead),
            };
            if (await TrySubmitAsync(actions, attempt, deadline, cancellationToken))
            {
                return (true, true);
            }
        }
    }

    /// <summary>The head of a list as its counter holds it, built by one query if the counter has none yet.</summary>
    private async Task<List<ListHead.Entry>> HeadOfAsync(PostList list, NullableResponse<TableEntity> counter, CancellationToken cancellationToken)
    {
        if (!counter.HasValue)
        {
            return [];
        }

        if (ListHead.Read(counter.Value!) is { } head)
        {
            return head.ToList();
        }

        var rows = new List<ListHead.Entry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == list.Key && e.RowKey.CompareTo(CounterRow) < 0, maxPerPage: ListHead.Size, cancellationToken: cancellationToken))
        {
            rows.Add(ListHead.Entry.Of(row));
            if (rows.Count == ListHead.Size)
            {
                break;
            }
        }

        return rows;
    }

    private static TableTransactionAction CounterAction(string partition, NullableResponse<TableEntity> counter, int countChange, DateTimeOffset modified, IReadOnlyList<ListHead.Entry>? head = null)
    {
        if (!counter.HasValue)
        {
            var created = new TableEntity(partition, CounterRow)
            {
                ["Count"] = Math.Max(0, countChange),
                ["Seq"] = 1L,
                ["LastModified"] = FormatDate(modified),
            };
            ListHead.Write(created, head);
            return new(TableTransactionActionType.Add, created);
        }

        var existing = counter.Value!;
        var lastModified = ParseDate(existing.GetString("LastModified") ?? FormatDate(modified));
        var updated = new TableEntity(partition, CounterRow)
        {
            ["Count"] = Math.Max(0, (existing.GetInt32("Count") ?? 0) + countChange),
            ["Seq"] = (existing.GetInt64("Seq") ?? 0) + 1,
            ["LastModified"] = FormatDate(modified > lastModified ? modified : lastModified),
        };
        ListHead.Write(updated, head ?? ListHead.Read(existing));
        return new(TableTransactionActionType.UpdateReplace, updated, existing.ETag);
    }

    /// <summary>Submits one single-partition transaction; false on a concurrency conflict (try again).</summary>
    private async Task<bool> TrySubmitAsync(List<TableTransactionAction> actions, int attempt, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && DateTimeOffset.UtcNow < deadline)
        {
            // A concurrent writer, or our own earlier attempt whose answer was lost (its retry then finds the
            // row added, changed or gone): the caller reads the list again and decides anew.
            await BackOffAsync(attempt, cancellationToken);
            return false;
        }
    }

    // Full jitter, growing to at most 100 ms: contended counters are retried quickly but not in lockstep.
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1 + Math.Min(100, 1 << Math.Min(attempt, 7)))), cancellationToken);

    /// <summary>Copies a tag list's count into the <c>tags</c> partition, unless the copy is already as new.</summary>
    private Task SyncTagAsync(PostList list, Tag tag, CancellationToken cancellationToken) =>
        SyncCopyAsync(list, TagsPartition, tag.Slug, (copy, counter) => new TableEntity(TagsPartition, tag.Slug)
        {
            // The first spelling a tag was published with stays its name.
            ["Name"] = copy?.GetString("Name") ?? tag.Name,
        }, cancellationToken);

    /// <summary>Copies a month list's count and last change into the <c>months</c> partition.</summary>
    private Task SyncMonthAsync(PostList list, CancellationToken cancellationToken)
    {
        var (year, month) = list.YearMonth;
        var key = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");
        return SyncCopyAsync(list, MonthsPartition, key, (copy, counter) => new TableEntity(MonthsPartition, key)
        {
            ["LastModified"] = counter?.GetString("LastModified") ?? copy?.GetString("LastModified"),
        }, cancellationToken);
    }

    /// <summary>
    /// Copies a list's counter (count and change counter) into one row of a summary partition. Rows whose
    /// count drops to zero stay as tombstones, so the sum of the copies' change counters only grows:
    /// that sum versions the pages drawn from the summary, with no row every publish must update.
    /// </summary>
    private async Task SyncCopyAsync(PostList list, string partition, string key, Func<TableEntity?, TableEntity?, TableEntity> build, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            var counter = await Table.GetEntityIfExistsAsync<TableEntity>(list.Key, CounterRow, cancellationToken: cancellationToken);
            var seq = counter.HasValue ? counter.Value!.GetInt64("Seq") ?? 0 : 0;
            var copy = await Summaries.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            if (copy.HasValue ? (copy.Value!.GetInt64("Seq") ?? 0) >= seq : seq == 0)
            {
                return;
            }

            var entity = build(copy.HasValue ? copy.Value : null, counter.HasValue ? counter.Value : null);
            entity["Count"] = counter.HasValue ? counter.Value!.GetInt32("Count") ?? 0 : 0;
            entity["Seq"] = seq;
            try
            {
                if (copy.HasValue)
                {
                    await Summaries.UpdateEntityAsync(entity, copy.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Summaries.AddEntityAsync(entity, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && DateTimeOffset.UtcNow < deadline)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private async Task<(List<TableEntity> Rows, long Seq)> ReadCopiesAsync(string partition, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var rows = new List<TableEntity>();
        long seq = 0;
        await foreach (var row in Summaries.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            seq += row.GetInt64("Seq") ?? 0;
            if ((row.GetInt32("Count") ?? 0) > 0)
            {
                rows.Add(row);
            }
        }

        return (rows, seq);
    }

    private static readonly string[] ListFields = ["Slug", "Title", "Subtitle", "Author", "Date", "Modified", "Tags", "Version"];

    private static bool SameListRow(TableEntity stored, TableEntity wanted) =>
        ListFields.All(f => Equals(Field(stored, f), Field(wanted, f)));

    private static string? Field(TableEntity entity, string name) =>
        entity.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static TableEntity ToListEntity(Placement placement, PostRecord record) => new(placement.List.Key, placement.RowKey)
    {
        ["Slug"] = record.Slug,
        ["Title"] = record.Title,
        ["Subtitle"] = record.Subtitle,
        ["Author"] = record.Author,
        ["Date"] = FormatDate(record.Date),
        ["Modified"] = FormatDate(record.Modified),
        ["Tags"] = JsonSerializer.Serialize(record.Tags.Select(t => t.Name)),
        ["Version"] = record.Version,
    };

    /// <summary>The fields of a list row, in <see cref="ListFields"/> order, for the list head.</summary>
    internal static string[] FieldsOf(TableEntity row) => ListFields.Select(f => Field(row, f) ?? string.Empty).ToArray();

    /// <summary>A list row's summary from its fields as <see cref="FieldsOf"/> gives them.</summary>
    internal static PostSummary SummaryOf(string[] fields) =>
        new(fields[0], fields[1], NullIfEmpty(fields[2]), ParseDate(fields[4]))
        {
            Author = NullIfEmpty(fields[3]),
            Modified = ParseDate(fields[5]),
            Tags = ParseTags(fields[6]),
        };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static PostSummary ToSummary(TableEntity row) =>
        new(row.GetString("Slug"), row.GetString("Title"), row.GetString("Subtitle"), ParseDate(row.GetString("Date")))
        {
            Author = row.GetString("Author"),
            Modified = ParseDate(row.GetString("Modified")),
            Tags = ParseTags(row.GetString("Tags")),
        };

    private static TableEntity ToEntity(PostRecord record, IReadOnlySet<Placement> stale) => new(PostPartition, record.Slug)
    {
        ["Title"] = record.Title,
        ["Subtitle"] = record.Subtitle,
        ["Author"] = record.Author,
        ["Date"] = FormatDate(record.Date),
        ["Modified"] = FormatDate(record.Modified),
        ["DateUtc"] = record.Date.UtcDateTime,
        ["Tags"] = JsonSerializer.Serialize(record.Tags.Select(t => t.Name)),
        ["Aliases"] = JsonSerializer.Serialize(record.Aliases),
        ["SourceName"] = record.SourceName,
        ["ContentHash"] = record.ContentHash,
        ["Status"] = record.Status.ToString(),
        ["GoesLiveAt"] = FormatDate(record.GoesLiveAt),
        ["ExpiryDate"] = record.ExpiryDate is { } expiry ? FormatDate(expiry) : null,
        ["Version"] = record.Version,
        ["MovedTo"] = record.MovedTo,
        ["Stale"] = JsonSerializer.Serialize(stale.Select(p => new[] { p.List.Key, p.RowKey })),
    };

    private static PostRecord ToRecord(TableEntity row) => new()
    {
        Slug = row.RowKey,
        Title = row.GetString("Title"),
        Subtitle = row.GetString("Subtitle"),
        Author = row.GetString("Author"),
        Date = ParseDate(row.GetString("Date")),
        Modified = ParseDate(row.GetString("Modified") ?? row.GetString("Date")),
        Tags = ParseTags(row.GetString("Tags")),
        Aliases = JsonSerializer.Deserialize<List<string>>(row.GetString("Aliases") ?? "[]") ?? [],
        SourceName = row.GetString("SourceName"),
        ContentHash = row.GetString("ContentHash"),
        Status = Enum.Parse<PostStatus>(row.GetString("Status") ?? nameof(PostStatus.Published)),
        GoesLiveAt = ParseDate(row.GetString("GoesLiveAt") ?? row.GetString("Date")),
        ExpiryDate = row.GetString("ExpiryDate") is { } expiry ? ParseDate(expiry) : null,
        Version = row.GetInt64("Version") ?? 1,
        MovedTo = row.GetString("MovedTo"),
    };

    private static HashSet<Placement> ReadStale(TableEntity row) =>
        (JsonSerializer.Deserialize<List<string[]>>(row.GetString("Stale") ?? "[]") ?? [])
            .Select(p => new Placement(new PostList(p[0]), p[1]))
            .ToHashSet();

    private static List<Tag> ParseTags(string? json) =>
        (JsonSerializer.Deserialize<List<string>>(json ?? "[]") ?? []).Select(Tag.From).OfType<Tag>().ToList();

    // Dates keep the offset the author wrote, so a page shows the same local date after a round trip.
    private static string FormatDate(DateTimeOffset date) => date.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDate(string? text) =>
        DateTimeOffset.ParseExact(text!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
