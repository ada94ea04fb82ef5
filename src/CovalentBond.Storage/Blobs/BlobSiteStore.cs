using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>The static website's files in the <c>$web</c> container.</summary>
public sealed class BlobSiteStore(StorageProvisioner storage) : ISiteStore
{
    /// <summary>Blob metadata holding the index state a page was rendered from.</summary>
    public const string VersionMetadataKey = "version";

    private const int MaxAttempts = 50;

    public async Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var hash = ContentHash.Of(page.Content);
        return await BlobContent.WriteIfChangedAsync(
            storage.SiteContainer.GetBlobClient(page.Path), page.Content, hash, page.ContentType, page.CacheControl, cancellationToken);
    }

    public Task<bool> WriteVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        WriteVersionedAsync(page, version, sameVersionMayChange: false, cancellationToken);

    public Task<bool> RefreshVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        WriteVersionedAsync(page, version, sameVersionMayChange: true, cancellationToken);

    private async Task<bool> WriteVersionedAsync(SitePage page, long version, bool sameVersionMayChange, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var blob = storage.SiteContainer.GetBlobClient(page.Path);
        var hash = ContentHash.Of(page.Content);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await PropertiesAsync(blob, cancellationToken);
            if (stored is not null)
            {
                // Rendered from the same or a newer state: ours is not newer. Same bytes: nothing to write.
                var storedVersion = StoredVersion(stored.Metadata);
                if (storedVersion > version || (storedVersion == version && !sameVersionMayChange))
                {
                    Note(page.Path, stored.ETag, storedVersion, stored.Metadata.TryGetValue(BlobContent.HashMetadataKey, out var kept) ? kept : null, stored.ContentType, stored.CacheControl);
                    return false;
                }

                if (BlobContent.Holds(stored.Metadata.TryGetValue(BlobContent.HashMetadataKey, out var storedHash) ? storedHash : null, BlobContent.Md5Text(stored.ContentHash), hash, page.Content)
                    && stored.ContentType == page.ContentType && stored.CacheControl == page.CacheControl)
                {
                    // The same bytes from a newer state. A republish says so on the page (a publish that read a month's
                    // rows between another's row and its counter wrote them under the older count, and a republish with
                    // nothing changed would query them again every time); a publish leaves it, as it costs a write and
                    // the pages that never change with their lists (the archives' index, a year) would take one each.
                    if (storedVersion == version || !sameVersionMayChange || attempt >= MaxAttempts)
                    {
                        Note(page.Path, stored.ETag, storedVersion, hash, page.ContentType, page.CacheControl);
                        return false;
                    }

                    if (await StampVersionAsync(blob, stored.Metadata, version, stored.ETag, cancellationToken) is { } stamped)
                    {
                        Note(page.Path, stamped, version, hash, page.ContentType, page.CacheControl);
                        return false;
                    }

                    continue; // changed meanwhile: look again
                }
            }

            var options = VersionedUpload(page, hash, version, stored?.ETag);
            try
            {
                var uploaded = await blob.UploadAsync(new BinaryData(page.Content), options, cancellationToken);
                Note(page.Path, uploaded.Value.ETag, version, hash, page.ContentType, page.CacheControl);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer got there first: look again (it may have written something newer).
                await Task.Delay(Random.Shared.Next(1, 20), cancellationToken);
            }
        }
    }

    public async Task<bool> DeleteVersionedAsync(string path, long version, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var blob = storage.SiteContainer.GetBlobClient(path);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await PropertiesAsync(blob, cancellationToken);
            if (stored is null || StoredVersion(stored.Metadata) >= version)
            {
                return false;
            }

            try
            {
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = stored.ETag }, cancellationToken: cancellationToken);
                PageLedger.Current?.Forget(path);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404)
            {
                return false;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 && attempt < MaxAttempts)
            {
                // Rewritten meanwhile: look again.
            }
        }
    }

    public async Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var read = await BlobContent.ReadAsync(storage.SiteContainer.GetBlobClient(path), cancellationToken);
        return read is { } r
            ? new SiteFile(path, r.Content, r.Details.ContentType, r.Details.CacheControl, StoredVersion(r.Details.Metadata) is >= 0 and var v ? v : null)
            : null;
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var item in storage.SiteContainer.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            yield return item.Name;
        }
    }

    public async IAsyncEnumerable<DeployedPage> DeployedAsync(
        string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, bool topLevelOnly = false)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var items = topLevelOnly
            ? storage.SiteContainer.GetBlobsByHierarchyAsync(BlobTraits.Metadata, BlobStates.None, "/", prefix, cancellationToken).Where(i => i.IsBlob).Select(i => i.Blob)
            : storage.SiteContainer.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken);
        await foreach (var item in items)
        {
            yield return new DeployedPage(
                item.Name,
                item.Properties.ETag?.ToString() ?? string.Empty,
                item.Metadata.TryGetValue(VersionMetadataKey, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var version) ? version : -1,
                item.Metadata.TryGetValue(BlobContent.HashMetadataKey, out var hash) ? hash : null,
                item.Properties.ContentType,
                item.Properties.CacheControl)
            {
                ContentMd5 = BlobContent.Md5Text(item.Properties.ContentHash),
            };
        }
    }

    public async Task<bool?> RefreshListedAsync(SitePage page, long version, DeployedPage listed, CancellationToken cancellationToken)
    {
        var hash = ContentHash.Of(page.Content);
        // Listed with the same bytes (so it exists) from the same state, or from a newer one: it stays as listed.
        var sameBytes = BlobContent.Holds(listed.Hash, listed.ContentMd5, hash, page.Content)
            && listed.ContentType == page.ContentType && listed.CacheControl == page.CacheControl;
        if (listed.Version > version || (sameBytes && listed.Version == version))
        {
            if (listed.Exists)
            {
                PageLedger.Current?.Note(listed);
            }

            return false;
        }

        var blob = storage.SiteContainer.GetBlobClient(page.Path);
        if (sameBytes)
        {
            // Unchanged bytes rendered from a newer state: stamp the newer version (one request), so that the next
            // republish with nothing changed finds the page current; null sends it down the ordinary path.

            if (await StampVersionAsync(blob, new Dictionary<string, string> { [BlobContent.HashMetadataKey] = hash }, version, new ETag(listed.ETag), cancellationToken) is not { } stamped)
            {
                return null;
            }

            Note(page.Path, stamped, version, hash, page.ContentType, page.CacheControl);
            return false;
        }

        var options = VersionedUpload(page, hash, version, listed.Exists ? new ETag(listed.ETag) : null);
        try
        {
            var uploaded = await blob.UploadAsync(new BinaryData(page.Content), options, cancellationToken);
            Note(page.Path, uploaded.Value.ETag, version, hash, page.ContentType, page.CacheControl);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            // Written or removed since the listing: the ordinary path looks at it again.
            return null;
        }
    }

    /// <summary>Tells the republish batch's ledger, if one is open, what the page is now.</summary>
    private static void Note(string path, ETag etag, long version, string? hash, string? contentType, string? cacheControl) =>
        PageLedger.Current?.Note(new DeployedPage(path, etag.ToString(), version, hash, contentType, cacheControl));

    /// <summary>
    /// Sets the version of a blob whose bytes are current (its other metadata kept), if it is still as it was read
    /// (<paramref name="over"/>): its new ETag, or null when it changed or went meanwhile.
    /// </summary>
    private static async Task<ETag?> StampVersionAsync(
        Azure.Storage.Blobs.BlobClient blob, IDictionary<string, string> metadata, long version, ETag over, CancellationToken cancellationToken)
    {
        var stamped = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase)
        {
            [VersionMetadataKey] = version.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            return (await blob.SetMetadataAsync(stamped, new BlobRequestConditions { IfMatch = over }, cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>An upload of <paramref name="page"/> stamped with its hash and version, over the blob with <paramref name="over"/> or where none is (null).</summary>
    private static BlobUploadOptions VersionedUpload(SitePage page, string hash, long version, ETag? over) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = page.ContentType, CacheControl = page.CacheControl },
        Metadata = new Dictionary<string, string>
        {
            [BlobContent.HashMetadataKey] = hash,
            [VersionMetadataKey] = version.ToString(CultureInfo.InvariantCulture),
        },
        Conditions = over is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
    };

    private static async Task<BlobProperties?> PropertiesAsync(Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static long StoredVersion(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(VersionMetadataKey, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
