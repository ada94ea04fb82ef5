using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Publishing.Index;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// A republish batch's post records kept in its row: the index's own properties of each record, as JSON, compressed
/// into one binary property (a table property holds at most 64 KiB). Read back through the index's own mapping, so a
/// record reads the same from the batch as from the index.
/// </summary>
internal static class BatchRecords
{
    /// <summary>The most a packed list may take; a batch whose records take more reads them from the index.</summary>
    internal const int MaxBytes = 60_000;

    // The index's bookkeeping, not part of the record.
    private static readonly HashSet<string> Skipped = ["Stale", "DateUtc", "PartitionKey", "RowKey", "odata.etag", "Timestamp"];

    public static byte[]? Pack(IReadOnlyList<PostRecord> records)
    {
        if (records.Count == 0)
        {
            return null;
        }

        var rows = records.Select(r => IndexEntities.ToEntity(r, new HashSet<TablePostIndex.Placement>())
            .Where(p => !Skipped.Contains(p.Key) && p.Value is not null)
            .Append(new KeyValuePair<string, object?>("Slug", r.Slug))
            .ToDictionary(p => p.Key, p => p.Value)).ToList();
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, rows);
        }

        return buffer.Length <= MaxBytes ? buffer.ToArray() : null;
    }

    public static IReadOnlyList<PostRecord> Unpack(byte[]? packed)
    {
        if (packed is not { Length: > 0 })
        {
            return [];
        }

        using var zip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        var rows = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(zip) ?? [];
        return rows.Select(row =>
        {
            var entity = new TableEntity(TablePostIndex.PostPartition, row["Slug"].GetString());
            foreach (var (key, value) in row.Where(p => p.Key != "Slug"))
            {
                entity[key] = value.ValueKind == JsonValueKind.Number ? value.GetInt64() : value.GetString();
            }

            return IndexEntities.ToRecord(entity);
        }).ToList();
    }
}
