using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// Alias claims in the index table: partition <c>alias</c>, one row per file keyed by the SHA-256 of its lower-case
/// name (a row key holds no '/' and at most 1 KiB; a file's name may be longer escaped), taken with If-None-Match or the
/// ETag it replaces.
/// </summary>
public sealed class TableAliasClaims(StorageProvisioner storage) : IAliasClaims
{
    private const string Partition = "alias";

    private TableClient Table => storage.IndexTable;

    public async Task<AliasClaim?> GetAsync(string file, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(file), cancellationToken: cancellationToken);
        return row.HasValue ? new AliasClaim(row.Value!.GetString("File"), row.Value.GetString("Slug"), row.Value.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue, row.Value.ETag.ToString()) : null;
    }

    public async Task<bool> TryClaimAsync(string file, string slug, AliasClaim? over, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var entity = new TableEntity(Partition, RowKey(file)) { ["File"] = file, ["Slug"] = slug, ["ClaimedAt"] = now };
        try
        {
            if (over is null)
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, new ETag(over.Tag), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string file, string slug, CancellationToken cancellationToken)
    {
        if (await GetAsync(file, cancellationToken) is { } claim && claim.Slug == slug)
        {
            try
            {
                await Table.DeleteEntityAsync(Partition, RowKey(file), new ETag(claim.Tag), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Taken or released meanwhile: nothing of ours is left there.
            }
        }
    }

    private static string RowKey(string file) => ContentHash.OfText(file.ToLowerInvariant());
}
