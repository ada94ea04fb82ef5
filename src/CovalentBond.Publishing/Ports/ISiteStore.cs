using CovalentBond.Publishing.Pages;

namespace CovalentBond.Publishing.Ports;

/// <summary>The static website's files (the <c>$web</c> container).</summary>
public interface ISiteStore
{
    /// <summary>Writes a page with its content type and cache policy, unless the stored bytes are the same.</summary>
    /// <returns>True when bytes were written.</returns>
    Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a page rendered from index state <paramref name="version"/>, unless the stored page was
    /// rendered from the same or a newer state, or already has these bytes. Optimistic concurrency
    /// (ETags) makes concurrent writers end with the newest render.
    /// </summary>
    /// <returns>True when bytes were written.</returns>
    Task<bool> WriteVersionedAsync(SitePage page, long version, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="WriteVersionedAsync"/>, but a page rendered from the same index state is rewritten when
    /// its bytes differ: what a republish needs after the theme or the site settings changed.
    /// </summary>
    /// <returns>True when bytes were written.</returns>
    Task<bool> RefreshVersionedAsync(SitePage page, long version, CancellationToken cancellationToken);

    /// <summary>Removes a file unless it was written from the same or a newer index state than <paramref name="version"/>.</summary>
    /// <returns>True when a file was removed.</returns>
    Task<bool> DeleteVersionedAsync(string path, long version, CancellationToken cancellationToken);

    /// <summary>Reads a file of the site, or null when it does not exist.</summary>
    Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The path of every file of the site. A scan: for verification, never for publishing.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every file of the site under <paramref name="prefix"/> with what a versioned write compares (ETag, version,
    /// content hash), listed a few thousand to a request: what a full republish checks its pages against
    /// instead of asking page by page. A store that cannot list them says nothing.
    /// </summary>
    /// <param name="topLevelOnly">Only the files directly under <paramref name="prefix"/>, not those of its folders.</param>
    IAsyncEnumerable<DeployedPage> DeployedAsync(string prefix, CancellationToken cancellationToken, bool topLevelOnly = false) => AsyncEnumerable.Empty<DeployedPage>();

    /// <summary>
    /// As <see cref="RefreshVersionedAsync"/>, with the stored page's properties taken from a listing instead of read:
    /// nothing is sent when the listed page has these bytes or a newer version, and the upload is conditional on the
    /// listed ETag. Null when the page changed since the listing (or the store cannot do this): the caller takes the
    /// ordinary path.
    /// </summary>
    Task<bool?> RefreshListedAsync(SitePage page, long version, DeployedPage listed, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);
}

/// <summary>A file of the site as a listing shows it: what a versioned write needs to know of it.</summary>
/// <param name="Version">The index state it was rendered from, or -1 when it records none.</param>
/// <param name="Hash">The SHA-256 of its bytes, as written with it.</param>
/// <param name="ETag">Empty for a file the listing showed was not there (<see cref="Absent"/>).</param>
public sealed record DeployedPage(string Path, string ETag, long Version, string? Hash, string? ContentType, string? CacheControl)
{
    /// <summary>
    /// The MD5 of its bytes as the storage service keeps it (base64), when the listing shows one: computed by the service
    /// for a blob uploaded in one request, so unlike <see cref="Hash"/> it changes with any upload, ours or not. Verify
    /// compares with it instead of reading the page. Not kept in job rows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ContentMd5 { get; init; }

    /// <summary>The MD5 of <paramref name="content"/> as the storage service keeps it, base64 (<see cref="ContentMd5"/>): a checksum to compare with, not for security.</summary>
#pragma warning disable CA5351 // the service's checksum is MD5; nothing here relies on it resisting collisions made on purpose
    public static string Md5Of(ReadOnlySpan<byte> content) => Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(content));
#pragma warning restore CA5351

    /// <summary>A file a listing showed was not there: written only if it still is not.</summary>
    public static DeployedPage Absent(string path) => new(path, string.Empty, -1, null, null, null);

    public bool Exists => ETag.Length > 0;
}

/// <summary>A file read back from the site, with the content type it is served with.</summary>
/// <param name="Version">The index state it was rendered from, when the store records one.</param>
public sealed record SiteFile(string Path, byte[] Content, string ContentType, string? CacheControl, long? Version = null);
