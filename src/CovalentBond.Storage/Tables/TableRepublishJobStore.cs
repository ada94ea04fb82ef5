using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// Republish jobs in a table: a partition per job, with a <c>job</c> row (reason, start, totals) and a
/// row per batch (its pages, state, attempts, last error). Progress is read by summing the batch rows
/// of one partition; each batch row is changed only with its ETag, by the worker holding its message.
/// </summary>
public sealed class TableRepublishJobStore(StorageProvisioner storage) : IRepublishJobStore
{
    private const string JobRow = "job";
    private const string SitePartition = "~site";
    private const string LatestRow = "latest-job";
    private const string FingerprintRow = "fingerprint";

    private TableClient Table => storage.JobsTable;

    public async Task CreateAsync(RepublishStatus job, IReadOnlyList<RepublishBatch> batches, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var rows = batches.Select(ToEntity).Prepend(new TableEntity(job.JobId, JobRow)
        {
            ["Reason"] = job.Reason,
            ["StartedAt"] = job.StartedAt,
            ["Fingerprint"] = job.Fingerprint,
            ["Total"] = job.Total,
            ["Batches"] = job.Batches,
        });

        // Transactions of up to 100 rows and 4 MiB in one partition; the job row goes first, so a job whose
        // creation died half-way shows fewer batches than it claims and is plainly incomplete.
        foreach (var chunk in Transactions(rows))
        {
            await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }

        await Table.UpsertEntityAsync(new TableEntity(SitePartition, LatestRow) { ["JobId"] = job.JobId }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<RepublishBatch?> GetBatchAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(jobId, BatchKey(number), cancellationToken: cancellationToken);
        return row.HasValue ? ToBatch(row.Value!) : null;
    }

    public async Task<bool> UpdateBatchAsync(RepublishBatch batch, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);

        // The row as this worker read it, unchanged since: one request. Changed by another delivery: read it again below.
        if (batch.ETag is { Length: > 0 } known && batch.State != BatchState.Pending)
        {
            try
            {
                await Table.UpdateEntityAsync(ToEntity(batch), new ETag(known), TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(batch.JobId, BatchKey(batch.Number), cancellationToken: cancellationToken);
            if (!current.HasValue || ToBatch(current.Value!).State != BatchState.Pending)
            {
                return false;
            }

            try
            {
                await Table.UpdateEntityAsync(ToEntity(batch), current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another delivery of the same message recorded an attempt meanwhile: look again.
            }
        }

        return false;
    }

    public async Task<IReadOnlyList<RepublishBatch>> BatchesAsync(string jobId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var batches = new List<RepublishBatch>();
        // Without the listed pages each batch carries: progress needs none of them.
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == jobId && e.RowKey.CompareTo("b") >= 0 && e.RowKey.CompareTo("c") < 0,
            select: ["Number", "Items", "State", "Attempts", "LastError", "Written", "FinishedAt", "ArticlesListed", "SameRendering"],
            cancellationToken: cancellationToken))
        {
            batches.Add(ToBatch(row));
        }

        return batches;
    }

    public async Task<RepublishStatus?> StatusAsync(string? jobId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (jobId is null)
        {
            var latest = await Table.GetEntityIfExistsAsync<TableEntity>(SitePartition, LatestRow, cancellationToken: cancellationToken);
            if (!latest.HasValue)
            {
                return null;
            }

            jobId = latest.Value!.GetString("JobId");
        }

        var job = await Table.GetEntityIfExistsAsync<TableEntity>(jobId, JobRow, cancellationToken: cancellationToken);
        if (!job.HasValue)
        {
            return null;
        }

        var batches = await BatchesAsync(jobId, cancellationToken);
        var finished = batches.Count > 0 && batches.All(b => b.State != BatchState.Pending);
        return new RepublishStatus
        {
            JobId = jobId,
            Reason = job.Value!.GetString("Reason"),
            StartedAt = job.Value.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
            Fingerprint = job.Value.GetString("Fingerprint"),
            Total = job.Value.GetInt32("Total") ?? 0,
            Batches = job.Value.GetInt32("Batches") ?? 0,
            Done = batches.Where(b => b.State == BatchState.Done).Sum(b => b.Items.Count),
            Failed = batches.Where(b => b.State == BatchState.Failed).Sum(b => b.Items.Count),
            Written = batches.Sum(b => b.Written),
            FinishedAt = finished ? batches.Max(b => b.FinishedAt) : null,
            Failures = batches.Where(b => b.State == BatchState.Failed).ToList(),
        };
    }

    public async Task<string?> LastFingerprintAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(SitePartition, FingerprintRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Value") : null;
    }

    public async Task SetLastFingerprintAsync(string fingerprint, string permalink, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(SitePartition, FingerprintRow) { ["Value"] = fingerprint, ["Permalink"] = permalink }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<string?> LastPermalinkAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(SitePartition, FingerprintRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Permalink") ?? Publishing.Pages.Permalink.Default : null;
    }

    /// <summary>Consecutive rows in groups a transaction takes: at most 100 rows, and well under its 4 MiB of payload.</summary>
    private static IEnumerable<List<TableEntity>> Transactions(IEnumerable<TableEntity> rows)
    {
        const long MaxPayload = 3 * 1024 * 1024;
        var chunk = new List<TableEntity>();
        long size = 0;
        foreach (var row in rows)
        {
            // As sent: strings as UTF-8 (at most 3 bytes a character), binary as base64, and the JSON around them.
            var rowSize = 512 + row.Sum(p => p.Key.Length + p.Value switch { string text => text.Length * 3L, byte[] bytes => bytes.Length * 4L / 3, _ => 32 });
            if (chunk.Count == 100 || (chunk.Count > 0 && size + rowSize > MaxPayload))
            {
                yield return chunk;
                (chunk, size) = ([], 0);
            }

            chunk.Add(row);
            size += rowSize;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static string BatchKey(int number) => "b" + number.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(RepublishBatch batch)
    {
        // What the batch renders from, kept while it is still to be done (a finished row is smaller without them).
        var pending = batch.State == BatchState.Pending;
        var row = new TableEntity(batch.JobId, BatchKey(batch.Number))
        {
            ["Number"] = batch.Number,
            ["Items"] = string.Join('\n', batch.Items),
            ["State"] = batch.State.ToString(),
            ["Attempts"] = batch.Attempts,
            ["LastError"] = batch.LastError is { Length: > 4000 } error ? error[..4000] : batch.LastError,
            ["Written"] = batch.Written,
            ["FinishedAt"] = batch.FinishedAt,
            ["Records"] = pending ? BatchRecords.Pack(batch.Records) : null,
            ["SameRendering"] = batch.SameRendering,
        };

        // Only when the listed pages are kept with it: otherwise a page missing from the row was merely not kept (the
        // batch then reads its articles one by one and lists its folders).
        var kept = pending && (batch.Deployed.Count == 0 || PageColumns.Set(row, "Deployed", batch.Deployed));
        row["ArticlesListed"] = kept && batch.ArticlesListed;
        row["TopLevelKept"] = kept && batch.TopLevelKept;
        row["FoldersKept"] = kept && batch.FoldersKept;

        // What a finished batch left, for the next republish; "[]" for none, absent when it would not fit.
        if (batch.State == BatchState.Done && batch.Left is { } left)
        {
            PageColumns.Set(row, "Left", left);
        }

        return row;
    }

    public async Task<IReadOnlyList<Publishing.Ports.DeployedPage>?> LeftAsync(string jobId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var left = new List<Publishing.Ports.DeployedPage>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == jobId && e.RowKey.CompareTo("b") >= 0 && e.RowKey.CompareTo("c") < 0,
            select: ["State", .. PageColumns.Names("Left")],
            cancellationToken: cancellationToken))
        {
            if (PageColumns.Get(row, "Left") is not { } pages)
            {
                return null;
            }

            left.AddRange(pages);
        }

        return left;
    }

    private static RepublishBatch ToBatch(TableEntity row) => new()
    {
        JobId = row.PartitionKey,
        Number = row.GetInt32("Number") ?? 0,
        Items = row.GetString("Items") is { Length: > 0 } items ? items.Split('\n') : [],
        State = Enum.Parse<BatchState>(row.GetString("State")),
        Attempts = row.GetInt32("Attempts") ?? 0,
        LastError = row.GetString("LastError"),
        Written = row.GetInt32("Written") ?? 0,
        FinishedAt = row.GetDateTimeOffset("FinishedAt"),
        Deployed = PageColumns.Get(row, "Deployed") ?? [],
        Records = BatchRecords.Unpack(row.GetBinary("Records")),
        ArticlesListed = row.GetBoolean("ArticlesListed") ?? false,
        TopLevelKept = row.GetBoolean("TopLevelKept") ?? false,
        FoldersKept = row.GetBoolean("FoldersKept") ?? false,
        SameRendering = row.GetBoolean("SameRendering") ?? false,
        ETag = row.ETag.ToString(),
    };
}
