using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// Revisions in the <c>revisions</c> container: <c>{slug}/{id}.md</c>, the source as it was, with who, when and how in
/// the blob's metadata (names percent-encoded: metadata is ASCII). A revision is written once (If-None-Match) and
/// never changed. Listing a post's revisions is one listing of its folder.
/// </summary>
public sealed class BlobRevisionStore(StorageProvisioner storage) : IRevisionStore
{
    public async Task SaveAsync(PostRevision revision, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            await storage.RevisionContainer.GetBlobClient(NameOf(revision.Slug, revision.Id)).UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = BlobSourceStore.MarkdownContentType },
                    Metadata = new Dictionary<string, string>
                    {
                        ["hash"] = revision.ContentHash,
                        ["at"] = revision.At.ToString("O", CultureInfo.InvariantCulture),
                        ["byid"] = Uri.EscapeDataString(revision.By.Id),
                        ["byname"] = Uri.EscapeDataString(revision.By.Name),
                        ["action"] = revision.Action,
                    },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // The same revision again (a retried save in the same millisecond, same bytes): it is kept already.
        }
    }

    public async Task<IReadOnlyList<PostRevision>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var found = new List<PostRevision>();
        await foreach (var item in storage.RevisionContainer.GetBlobsAsync(new GetBlobsOptions { Prefix = slug + "/", Traits = BlobTraits.Metadata }, cancellationToken))
        {
            found.Add(RevisionOf(slug, item.Name, item.Metadata, item.Properties.ContentLength ?? 0));
        }

        return found.OrderByDescending(r => r.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<(PostRevision Revision, byte[] Content)?> ReadAsync(string slug, string id, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (await BlobContent.ReadAsync(storage.RevisionContainer.GetBlobClient(NameOf(slug, id)), cancellationToken) is not { } read)
        {
            return null;
        }

        return (RevisionOf(slug, NameOf(slug, id), read.Details.Metadata, read.Content.Length), read.Content);
    }

    private static string NameOf(string slug, string id) => $"{slug}/{id}.md";

    private static PostRevision RevisionOf(string slug, string name, IDictionary<string, string> metadata, long length) => new(
        slug,
        Path.GetFileNameWithoutExtension(name),
        metadata.TryGetValue("hash", out var hash) ? hash : "",
        metadata.TryGetValue("at", out var at) ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue,
        new Principal(
            Uri.UnescapeDataString(metadata.TryGetValue("byid", out var id) ? id : ""),
            Uri.UnescapeDataString(metadata.TryGetValue("byname", out var byName) ? byName : "")),
        metadata.TryGetValue("action", out var action) ? action : "",
        length);
}
