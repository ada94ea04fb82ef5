namespace CovalentBond.Publishing.Ports;

/// <summary>Where authors' Markdown sources are kept (the <c>posts</c> container): the source of truth.</summary>
public interface ISourceStore
{
    /// <summary>Stores a source under <paramref name="name"/>; writes nothing when the stored bytes already have this hash.</summary>
    /// <param name="slug">The slug the source publishes under, kept with it (blob metadata) for the blob trigger; null when unknown.</param>
    /// <returns>True when bytes were written.</returns>
    Task<bool> SaveAsync(string name, ReadOnlyMemory<byte> content, string contentHash, string? slug, CancellationToken cancellationToken);

    /// <summary>The content hash of a stored source (from its metadata), or null when there is none.</summary>
    Task<string?> HashAsync(string name, CancellationToken cancellationToken);

    /// <summary>Reads a source, or null when there is none by that name.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>The name of every stored source. A scan: for verification.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken);
}
