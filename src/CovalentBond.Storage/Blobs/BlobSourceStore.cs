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
