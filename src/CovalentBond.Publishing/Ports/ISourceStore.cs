namespace CovalentBond.Publishing.Ports;

/// <summary>Where authors' Markdown sources are kept (the <c>posts</c> container): the source of truth.</summary>
public interface ISourceStore
{
    /// <summary>Stores a source under <paramref name="name"/>; writes nothing when the stored bytes already have this hash.</summary>
    /// <param name="slug">The slug the source publishes under, kept with it (blob metadata) for the blob trigger; null when unknown.</param>
    /// <returns>True when bytes were written.</returns>
    Task<bool> SaveAsync(string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a source only if what is stored now is <paramref name="expectedHash"/> (null: nothing stored), checked and
    /// written in one conditional request, so two editors saving from the same version cannot both succeed.
    /// </summary>
    /// <returns>True when written, false when the stored bytes already have this hash, null when the stored source is not the expected one (nothing written).</returns>
    Task<bool?> SaveIfAsync(string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, string? expectedHash, CancellationToken cancellationToken);

    /// <summary>The content hash of a stored source (from its metadata), or null when there is none.</summary>
    Task<string?> HashAsync(string name, CancellationToken cancellationToken);

    /// <summary>Reads a source, or null when there is none by that name.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>The name of every stored source. A scan: for verification.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken);
}
