using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CovalentBond.Storage.Blobs;

/// <summary>Writes blobs only when their bytes change, recording the content hash in blob metadata.</summary>
internal static class BlobContent
{
    public const string HashMetadataKey = "contenthash";

    /// <summary>
    /// Uploads <paramref name="content"/> with its headers unless the blob already holds the same bytes
    /// with the same headers. Headers are always sent: a Put Blob without them resets Content-Type to
    /// <c>application/octet-stream</c>.
    /// </summary>
    public static async Task<bool> WriteIfChangedAsync(
        BlobClient blob, ReadOnlyMemory<byte> content, string hash, string contentType, string? cacheControl, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (Holds(properties.Metadata.TryGetValue(HashMetadataKey, out var stored) ? stored : null, Md5Text(properties.ContentHash), hash, content.Span)
                && properties.ContentType == contentType && properties.CacheControl == cacheControl
                && (metadata ?? new Dictionary<string, string>()).All(m => properties.Metadata.TryGetValue(m.Key, out var value) && value == m.Value))
            {
                return false;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Not there yet: write it.
        }

        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = cacheControl },
            Metadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { [HashMetadataKey] = hash },
        };
        await blob.UploadAsync(new BinaryData(content), options, cancellationToken);
        return true;
    }

    /// <summary>
    /// True when a blob holds the bytes whose SHA-256 is <paramref name="hash"/>: its hash metadata says so, and the MD5
    /// the storage service keeps of its bytes (<paramref name="md5"/>, set for every upload made in one request, by
    /// anyone) agrees. A blob edited by hand with its metadata kept, as some tools do, is then not taken for current
    /// and is written again. A blob without an MD5 (a block upload that named none) is taken at its metadata's word.
    /// </summary>
    public static bool Holds(string? storedHash, string? md5, string hash, ReadOnlySpan<byte> content) =>
        storedHash == hash && (string.IsNullOrEmpty(md5) || md5 == Publishing.Ports.DeployedPage.Md5Of(content));

    /// <summary>A blob's MD5 property as a listing carries it (base64), or null when it has none.</summary>
    public static string? Md5Text(byte[]? md5) => md5 is { Length: > 0 } ? Convert.ToBase64String(md5) : null;

    /// <summary>A blob's bytes with its headers and metadata, in one request (the download carries them), or null when it is not there.</summary>
    public static async Task<(byte[] Content, BlobDownloadDetails Details)?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return (result.Content.ToArray(), result.Details);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
