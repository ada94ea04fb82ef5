using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// Drafts in the private <c>drafts</c> container: <c>{owner}/{slug}.md</c> (the owner's object id percent-encoded),
/// the text with its base ETag and time in the blob's metadata. Nothing else reads the container.
/// </summary>
public sealed class BlobDraftStore(StorageProvisioner storage) : IDraftStore
{
    public async Task SaveAsync(PostDraft draft, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.DraftContainer.GetBlobClient(NameOf(draft.OwnerId, draft.Slug)).UploadAsync(
            new BinaryData(content),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = BlobSourceStore.MarkdownContentType },
                Metadata = new Dictionary<string, string>
                {
                    ["base"] = Uri.EscapeDataString(draft.BaseETag),
                    ["at"] = draft.SavedAt.ToString("O", CultureInfo.InvariantCulture),
                },
            },
            cancellationToken);
    }

    public async Task<(PostDraft Draft, byte[] Content)?> ReadAsync(string ownerId, string slug, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (await BlobContent.ReadAsync(storage.DraftContainer.GetBlobClient(NameOf(ownerId, slug)), cancellationToken) is not { } read)
        {
            return null;
        }

        var metadata = read.Details.Metadata;
        return (new PostDraft(
            ownerId,
            slug,
            Uri.UnescapeDataString(metadata.TryGetValue("base", out var baseETag) ? baseETag : ""),
            metadata.TryGetValue("at", out var at) ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue,
            read.Content.Length), read.Content);
    }

    public async Task<bool> DeleteAsync(string ownerId, string slug, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            return (await storage.DraftContainer.GetBlobClient(NameOf(ownerId, slug)).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static string NameOf(string ownerId, string slug) => $"{Uri.EscapeDataString(ownerId)}/{slug}.md";
}
