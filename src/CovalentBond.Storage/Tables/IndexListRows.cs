using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Index;
using static CovalentBond.Storage.Tables.IndexEntities;
using static CovalentBond.Storage.Tables.TablePostIndex;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// A post's rows in the index's lists (latest, per tag, per month): each row is added, refreshed or
/// removed in one transaction with its list's counter row (count, change counter and list head), retried
/// on conflict with another writer of the same list.
/// </summary>
internal sealed class IndexListRows(TableClient table, TimeProvider clock)
{
    /// <summary>How long a write keeps retrying a contended row before it gives up.</summary>
    internal static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);

    /// <summary>Adds or refreshes a post's row in a list, with the list's counter, in one transaction.</summary>
    public async Task<(bool Changed, bool Recounted)> EnsureRowAsync(Placement placement, PostRecord record, CancellationToken cancellationToken)
    {
        var wanted = ToListEntity(placement, record);
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, CounterRow, cancellationToken: cancellationToken);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, placement.RowKey, cancellationToken: cancellationToken);
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
    public async Task<(bool Changed, bool Recounted)> RemoveRowAsync(Placement placement, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, CounterRow, cancellationToken: cancellationToken);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(placement.List.Key, placement.RowKey, cancellationToken: cancellationToken);
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
                await foreach (var next in table.QueryAsync<TableEntity>(
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
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == list.Key && e.RowKey.CompareTo(CounterRow) < 0, maxPerPage: ListHead.Size, cancellationToken: cancellationToken))
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
            await table.SubmitTransactionAsync(actions, cancellationToken);
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
    internal static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1 + Math.Min(100, 1 << Math.Min(attempt, 7)))), cancellationToken);
}
