using Azure.Data.Tables;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// Source copies in the table <c>{IndexTable}Sources</c>, one partition keyed by slug: the bytes in binary properties of
/// at most 60 KiB each (a property holds 64 KiB), for sources up to <see cref="MaxBytes"/> (an entity holds 1 MiB).
/// </summary>
public sealed class TableSourceCache(StorageProvisioner storage) : ISourceCache
{
    public const string Partition = "source";

    /// <summary>
    /// The largest source kept; a larger one is read from its blob. An entity holds 1 MiB as sent, and binary properties
    /// travel base64-encoded (a third larger): Azurite refused a 900 KiB copy ("EntityTooLarge") once bodies rendering past
    /// 256 KiB of HTML were accepted. 640 KiB is about 850 KiB on the wire.
    /// </summary>
    public const int MaxBytes = 640 * 1024;

    private const int ChunkBytes = 60 * 1024;

    public async Task PutAsync(string slug, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (content.Length > MaxBytes)
        {
            // Too large to keep: the republish reads this one from its blob; an older copy must not stand for it.
            await storage.SourceCopyTable.DeleteEntityAsync(Partition, slug, cancellationToken: cancellationToken);
            return;
        }

        var entity = new TableEntity(Partition, slug) { ["Hash"] = hash };
        var chunks = 0;
        for (var offset = 0; offset < content.Length; offset += ChunkBytes, chunks++)
        {
            entity[$"C{chunks}"] = content.Slice(offset, Math.Min(ChunkBytes, content.Length - offset)).ToArray();
        }

        entity["Chunks"] = chunks;
        await storage.SourceCopyTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, CachedSource>> RangeAsync(string first, string last, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var copies = new Dictionary<string, CachedSource>(StringComparer.Ordinal);
        await foreach (var row in storage.SourceCopyTable.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(first) >= 0 && e.RowKey.CompareTo(last) <= 0, cancellationToken: cancellationToken))
        {
            var content = new MemoryStream();
            for (var i = 0; i < (row.GetInt32("Chunks") ?? 0); i++)
            {
                content.Write(row.GetBinary($"C{i}"));
            }

            copies[row.RowKey] = new CachedSource(row.GetString("Hash") ?? string.Empty, content.ToArray());
        }

        return copies;
    }
}
