using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// The audit trail in append blobs: <c>{yyyy}/{MM}/{dd}.jsonl</c> (UTC), one JSON line per entry, each appended as one
/// block, so an entry is never half-written and never rewritten. An append blob holds 50,000 blocks: a day past that
/// goes on in <c>{dd}.1.jsonl</c>, <c>{dd}.2.jsonl</c>…. On Azure the container's immutability policy (protected append
/// writes) lets the app add blocks and nothing else; reading a query's days is a listing and one read per blob.
/// </summary>
public sealed class AppendBlobAuditTrail(StorageProvisioner storage) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        var day = DayPrefix(entry.At);
        for (var part = 0; ; part++)
        {
            var blob = storage.AuditContainer.GetAppendBlobClient(part == 0 ? day + ".jsonl" : $"{day}.{part}.jsonl");
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            try
            {
                using var block = new MemoryStream(line);
                await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
            {
                // This day's blob is full: the next part.
            }
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var (from, to) = AuditSelection.RangeOf(query, now);
        var found = new List<AuditEntry>();
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            await foreach (var item in storage.AuditContainer.GetBlobsAsync(new GetBlobsOptions { Prefix = DayPrefix(day) }, cancellationToken))
            {
                var content = await storage.AuditContainer.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                foreach (var line in content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (JsonSerializer.Deserialize<AuditEntry>(line, Json) is { } entry && AuditSelection.Matches(entry, query, from, to))
                    {
                        found.Add(entry);
                    }
                }
            }
        }

        return found.OrderByDescending(e => e.At).Take(Math.Max(0, query.Limit)).ToList();
    }

    private static string DayPrefix(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
}
