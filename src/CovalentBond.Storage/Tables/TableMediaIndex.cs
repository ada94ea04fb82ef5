using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// Processed images and who uses them, in the index table: partition <c>media</c> (one row per image, its
/// <see cref="MediaImage"/> as JSON) and partition <c>media-use</c> (one row per image and post,
/// <c>{key}|{slug}</c>, so the users of an image are one range query).
/// </summary>
public sealed class TableMediaIndex(StorageProvisioner storage) : IMediaIndex
{
    private const string ImagePartition = "media";
    private const string UsePartition = "media-use";

    private TableClient Table => storage.IndexTable;

    public async Task<IReadOnlyDictionary<string, MediaImage>> GetManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var found = new Dictionary<string, MediaImage>(StringComparer.Ordinal);
        foreach (var key in keys.Distinct())
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(ImagePartition, RowKey(key), cancellationToken: cancellationToken);
            if (row.HasValue && Parse(row.Value!) is { } image)
            {
                found[key] = image;
            }
        }

        return found;
    }

    public async Task SaveAsync(MediaImage image, CancellationToken cancellationToken)
    {
        // Like every adapter, on a store nothing else has touched yet (the contract suite's fresh site found it did not).
        await storage.EnsureCreatedAsync(cancellationToken);
        await Table.UpsertEntityAsync(
            new TableEntity(ImagePartition, RowKey(image.Key)) { ["Json"] = JsonSerializer.Serialize(image), ["Hash"] = image.Hash },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task SetUsesAsync(string slug, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        // The post's own list of keys lives in a row of its own, so dropped uses can be found and removed.
        var own = await Table.GetEntityIfExistsAsync<TableEntity>(UsePartition, "post|" + Uri.EscapeDataString(slug), cancellationToken: cancellationToken);
        var before = own.HasValue ? JsonSerializer.Deserialize<List<string>>(own.Value!.GetString("Keys") ?? "[]") ?? [] : [];
        if (before.Order(StringComparer.Ordinal).SequenceEqual(keys.Order(StringComparer.Ordinal)))
        {
            return;
        }

        foreach (var key in keys.Except(before))
        {
            await Table.UpsertEntityAsync(new TableEntity(UsePartition, UseKey(key, slug)) { ["Slug"] = slug }, TableUpdateMode.Replace, cancellationToken);
        }

        foreach (var key in before.Except(keys))
        {
            await Table.DeleteEntityAsync(UsePartition, UseKey(key, slug), ETag.All, cancellationToken);
        }

        await Table.UpsertEntityAsync(
            new TableEntity(UsePartition, "post|" + Uri.EscapeDataString(slug)) { ["Keys"] = JsonSerializer.Serialize(keys) },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<IReadOnlyList<string>> UsersAsync(string key, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var prefix = "img|" + RowKey(key) + "|";
        var slugs = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == UsePartition && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(prefix + "~") < 0,
            select: ["Slug"],
            cancellationToken: cancellationToken))
        {
            slugs.Add(row.GetString("Slug"));
        }

        return slugs;
    }

    public async IAsyncEnumerable<(string Slug, IReadOnlyList<string> Keys)> AllUsesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == UsePartition && e.RowKey.CompareTo("post|") >= 0 && e.RowKey.CompareTo("post|~") < 0,
            cancellationToken: cancellationToken))
        {
            var keys = JsonSerializer.Deserialize<List<string>>(row.GetString("Keys") ?? "[]") ?? [];
            yield return (Uri.UnescapeDataString(row.RowKey["post|".Length..]), keys);
        }
    }

    public async IAsyncEnumerable<MediaImage> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == ImagePartition, cancellationToken: cancellationToken))
        {
            if (Parse(row) is { } image)
            {
                yield return image;
            }
        }
    }

    private static MediaImage? Parse(TableEntity row) => JsonSerializer.Deserialize<MediaImage>(row.GetString("Json") ?? "null");

    /// <summary>Keys may hold '/', which row keys may not: escaped (and '|' so it can separate parts).</summary>
    private static string RowKey(string key) => Uri.EscapeDataString(key).Replace("|", "%7C", StringComparison.Ordinal);

    private static string UseKey(string key, string slug) => "img|" + RowKey(key) + "|" + Uri.EscapeDataString(slug);
}
