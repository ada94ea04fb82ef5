using CovalentBond.Publishing.Pages;

namespace CovalentBond.Publishing.Publishing;

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
}

/// <summary>A file read back from the site, with the content type it is served with.</summary>
/// <param name="Version">The index state it was rendered from, when the store records one.</param>
public sealed record SiteFile(string Path, byte[] Content, string ContentType, string? CacheControl, long? Version = null);
