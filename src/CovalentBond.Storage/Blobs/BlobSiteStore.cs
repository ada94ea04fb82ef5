using System.Security.Cryptography;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Publishing;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>The static website's files in the <c>$web</c> container.</summary>
public sealed class BlobSiteStore(StorageProvisioner storage) : ISiteStore
{
    public async Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(page.Content));
        return await BlobContent.WriteIfChangedAsync(
            storage.SiteContainer.GetBlobClient(page.Path), page.Content, hash, page.ContentType, page.CacheControl, cancellationToken);
    }

    public async Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var read = await BlobContent.ReadAsync(storage.SiteContainer.GetBlobClient(path), cancellationToken);
        return read is { } r
            ? new SiteFile(path, r.Content, r.Properties.ContentType, r.Properties.CacheControl)
            : null;
    }
}
