using Azure;
using Azure.Storage.Blobs.Models;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>Authors' Markdown sources in the <c>posts</c> container.</summary>
public sealed class BlobSourceStore(StorageProvisioner storage) : ISourceStore
{
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    /// <summary>The metadata key of the slug a source publishes under.</summary>
    public const string SlugMetadataKey = "slug";

    public async Task<bool> SaveAsync(string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await BlobContent.WriteIfChangedAsync(
            storage.SourceContainer.GetBlobClient(name), content, contentHash, MarkdownContentType, null, cancellationToken,
            slug is null ? null : new Dictionary<string, string> { [SlugMetadataKey] = slug });
    }

    public async Task<bool?> SaveIfAsync(
        string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, string? expectedHash, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var blob = storage.SourceContainer.GetBlobClient(name);
        BlobRequestConditions conditions;
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var stored = properties.Metadata.TryGetValue(BlobContent.HashMetadataKey, out var hash) ? hash : await HashAsync(name, cancellationToken);
            if (stored != expectedHash)
            {
                return stored == contentHash ? false : null;
            }

            if (stored == contentHash)
            {
                return false;
            }

            conditions = new BlobRequestConditions { IfMatch = properties.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            if (expectedHash is not null)
            {
                return null;
            }

            conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        }

        try
        {
            await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = MarkdownContentType },
                Metadata = slug is null
                    ? new Dictionary<string, string> { [BlobContent.HashMetadataKey] = contentHash }
                    : new Dictionary<string, string> { [BlobContent.HashMetadataKey] = contentHash, [SlugMetadataKey] = slug },
                Conditions = conditions,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409)
        {
            // Another save got there between the read and the write.
            return null;
        }
    }

    public async Task<string?> HashAsync(string name, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            var properties = (await storage.SourceContainer.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.Metadata.TryGetValue(BlobContent.HashMetadataKey, out var hash))
            {
                return hash;
            }

            // Dropped in by hand (no metadata): hash the bytes.
            var content = await ReadAsync(name, cancellationToken);
            return content is null ? null : ContentHash.Of(content);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return (await BlobContent.ReadAsync(storage.SourceContainer.GetBlobClient(name), cancellationToken))?.Content;
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var item in storage.SourceContainer.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            yield return item.Name;
        }
    }
}
