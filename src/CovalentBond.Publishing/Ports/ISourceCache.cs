namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Copies of posts' sources beside the index, so that a full republish reads the sources of a whole batch in
/// one request instead of one blob read a page. The sources container stays the truth: a copy is used only
/// when its hash is the one the post's record names, and a post without one is read from its blob.
/// </summary>
public interface ISourceCache
{
    /// <summary>Keeps a copy of the source <paramref name="slug"/> was published from (nothing for one too large to keep).</summary>
    Task PutAsync(string slug, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The copies of the slugs from <paramref name="first"/> to <paramref name="last"/> (ordinal order, both included), by slug.</summary>
    Task<IReadOnlyDictionary<string, CachedSource>> RangeAsync(string first, string last, CancellationToken cancellationToken);
}

/// <param name="Hash">The SHA-256 of the source, as the post's record names it.</param>
public sealed record CachedSource(string Hash, byte[] Content);
