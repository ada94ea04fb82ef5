using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Posts;
using static CovalentBond.Storage.Tables.TablePostIndex;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// The copies of the tag and month lists' counters in the summary table (one small row per tag and per
/// month), so that "every tag" and "every month" are one cheap query.
/// </summary>
internal sealed class IndexSummaries(TableClient index, TableClient summaries)
{
    /// <summary>Copies a tag list's count into the <c>tags</c> partition, unless the copy is already as new.</summary>
    public Task SyncTagAsync(PostList list, Tag tag, CancellationToken cancellationToken) =>
        SyncCopyAsync(list, TagsPartition, tag.Slug, (copy, counter) => new TableEntity(TagsPartition, tag.Slug)
        {
            // The first spelling a tag was published with stays its name.
            ["Name"] = copy?.GetString("Name") ?? tag.Name,
        }, cancellationToken);

    /// <summary>Copies a month list's count and last change into the <c>months</c> partition.</summary>
    public Task SyncMonthAsync(PostList list, CancellationToken cancellationToken)
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
        var deadline = DateTimeOffset.UtcNow + IndexListRows.RetryFor;
        for (var attempt = 1; ; attempt++)
        {
            var counter = await index.GetEntityIfExistsAsync<TableEntity>(list.Key, CounterRow, cancellationToken: cancellationToken);
            var seq = counter.HasValue ? counter.Value!.GetInt64("Seq") ?? 0 : 0;
            var copy = await summaries.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
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
                    await summaries.UpdateEntityAsync(entity, copy.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await summaries.AddEntityAsync(entity, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && DateTimeOffset.UtcNow < deadline)
            {
                await IndexListRows.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task<(List<TableEntity> Rows, long Seq)> ReadCopiesAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        long seq = 0;
        await foreach (var row in summaries.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            seq += row.GetInt64("Seq") ?? 0;
            if ((row.GetInt32("Count") ?? 0) > 0)
            {
                rows.Add(row);
            }
        }

        return (rows, seq);
    }
}
