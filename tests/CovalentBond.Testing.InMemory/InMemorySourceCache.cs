using System.Collections.Concurrent;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Copies of published sources by slug, in memory (no size limit: the Azure adapter's is a table entity's).</summary>
public sealed class InMemorySourceCache : ISourceCache
{
    private readonly ConcurrentDictionary<string, CachedSource> copies = new(StringComparer.Ordinal);

    public Task PutAsync(string slug, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        copies[slug] = new CachedSource(hash, content.ToArray());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, CachedSource>> RangeAsync(string first, string last, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, CachedSource>>(copies
            .Where(c => string.CompareOrdinal(c.Key, first) >= 0 && string.CompareOrdinal(c.Key, last) <= 0)
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
}
