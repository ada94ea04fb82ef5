using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>
/// The static website's files in memory, with what the Azure adapter keeps beside each blob (the index state it was
/// rendered from, its hash, an ETag that changes with every write). The same rules as <c>BlobSiteStore</c>, by the
/// contract suite: an older render never replaces a newer one, unchanged bytes are not written.
/// </summary>
public sealed class InMemorySiteStore : ISiteStore
{
    private readonly ConcurrentDictionary<string, Stored> files = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long etags;

    /// <summary>A file as stored: its bytes and what a blob's properties and metadata would say of it.</summary>
    public sealed record Stored(byte[] Content, string ContentType, string? CacheControl, long Version, string Hash, string ETag);

    /// <summary>Every file, by path: what a test compares with another store's.</summary>
    public IReadOnlyDictionary<string, Stored> Files => new Dictionary<string, Stored>(files, StringComparer.Ordinal);

    /// <summary>How many uploads were made (writes of bytes, not skipped ones).</summary>
    public int Uploads { get; private set; }

    public Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var hash = ContentHash.Of(page.Content);
            if (files.TryGetValue(page.Path, out var stored) && stored.Hash == hash && Same(stored, page))
            {
                return Task.FromResult(false);
            }

            Put(page, hash, -1); // as an upload without a version: the blob's metadata then names none
            return Task.FromResult(true);
        }
    }

    public Task<bool> WriteVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        Task.FromResult(WriteVersioned(page, version, sameVersionMayChange: false, cancellationToken));

    public Task<bool> RefreshVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        Task.FromResult(WriteVersioned(page, version, sameVersionMayChange: true, cancellationToken));

    public Task<bool> DeleteVersionedAsync(string path, long version, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!files.TryGetValue(path, out var stored) || stored.Version >= version)
            {
                return Task.FromResult(false);
            }

            files.TryRemove(path, out _);
            PageLedger.Current?.Forget(path);
            return Task.FromResult(true);
        }
    }

    public Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(files.TryGetValue(path, out var stored)
            ? new SiteFile(path, stored.Content, stored.ContentType, stored.CacheControl, stored.Version >= 0 ? stored.Version : null)
            : null);
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in files.Keys.Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return path;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<DeployedPage> DeployedAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken, bool topLevelOnly = false)
    {
        foreach (var (path, stored) in files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (topLevelOnly && path.AsSpan(prefix.Length).Contains('/'))
            {
                continue;
            }

            yield return Listed(path, stored);
        }

        await Task.CompletedTask;
    }

    private bool WriteVersioned(SitePage page, long version, bool sameVersionMayChange, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var hash = ContentHash.Of(page.Content);
            if (files.TryGetValue(page.Path, out var stored))
            {
                if (stored.Version > version || (stored.Version == version && !sameVersionMayChange))
                {
                    PageLedger.Current?.Note(Listed(page.Path, stored));
                    return false;
                }

                if (stored.Hash == hash && Same(stored, page))
                {
                    // The same bytes from a newer state: a republish stamps the newer version, a publish leaves it.
                    if (sameVersionMayChange && stored.Version != version)
                    {
                        stored = stored with { Version = version, ETag = NextETag() };
                        files[page.Path] = stored;
                    }

                    PageLedger.Current?.Note(Listed(page.Path, stored));
                    return false;
                }
            }

            var written = Put(page, hash, version);
            PageLedger.Current?.Note(Listed(page.Path, written));
            return true;
        }
    }

    private Stored Put(SitePage page, string hash, long version)
    {
        var stored = new Stored(page.Content.ToArray(), page.ContentType, page.CacheControl, version, hash, NextETag());
        files[page.Path] = stored;
        Uploads++;
        return stored;
    }

    private string NextETag() => "\"" + Interlocked.Increment(ref etags).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    private static bool Same(Stored stored, SitePage page) => stored.ContentType == page.ContentType && stored.CacheControl == page.CacheControl;

    private static DeployedPage Listed(string path, Stored stored) =>
        new(path, stored.ETag, stored.Version, stored.Hash, stored.ContentType, stored.CacheControl) { ContentMd5 = DeployedPage.Md5Of(stored.Content) };
}
