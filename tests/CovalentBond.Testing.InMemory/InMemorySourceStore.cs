using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Authors' sources in memory, with the hash and slug the Azure adapter keeps in a blob's metadata.</summary>
public sealed class InMemorySourceStore : ISourceStore
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string Hash, string? Slug)> sources = new(StringComparer.Ordinal);

    /// <summary>The slug a stored source was saved with, or null (what the blob trigger reads from metadata).</summary>
    public string? SlugOf(string name) => sources.TryGetValue(name, out var source) ? source.Slug : null;

    /// <summary>Puts bytes in as someone dropping a file would: no hash or slug kept beside them.</summary>
    public void Drop(string name, byte[] content) => sources[name] = (content, ContentHash.Of(content), null);

    public Task<bool> SaveAsync(string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (sources.TryGetValue(name, out var stored) && stored.Hash == contentHash && stored.Slug == (slug ?? stored.Slug))
        {
            return Task.FromResult(false);
        }

        sources[name] = (content.ToArray(), contentHash, slug);
        return Task.FromResult(true);
    }

    public Task<bool?> SaveIfAsync(
        string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, string? expectedHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sources)
        {
            var stored = sources.TryGetValue(name, out var source) ? source.Hash : null;
            if (stored != expectedHash || stored == contentHash)
            {
                return Task.FromResult<bool?>(stored == contentHash ? false : null);
            }

            sources[name] = (content.ToArray(), contentHash, slug);
            return Task.FromResult<bool?>(true);
        }
    }

    public Task<string?> HashAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(sources.TryGetValue(name, out var stored) ? stored.Hash : null);

    public Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(sources.TryGetValue(name, out var stored) ? stored.Content.ToArray() : null);

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in sources.Keys.Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask;
    }
}
