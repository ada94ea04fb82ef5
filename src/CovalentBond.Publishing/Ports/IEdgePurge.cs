namespace CovalentBond.Publishing.Ports;

/// <summary>
/// The CDN's purge: takes cached copies of site addresses (<c>/posts/x/</c>, <c>/feed.xml</c>) off every edge. One call
/// takes at most <see cref="MaxPaths"/> addresses (Front Door's limit). The copies may take minutes to go everywhere.
/// </summary>
public interface IEdgePurge
{
    /// <summary>The most addresses one call takes.</summary>
    const int MaxPaths = 100;

    /// <summary>Asks the CDN to drop its copies of <paramref name="paths"/>.</summary>
    /// <exception cref="EdgePurgeFailedException">The CDN refused or could not be reached; <see cref="EdgePurgeFailedException.Transient"/> says whether trying again may help.</exception>
    Task PurgeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken);
}

/// <summary>A purge the CDN did not accept.</summary>
public sealed class EdgePurgeFailedException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when trying again may help (throttled, a server error, the network).</summary>
    public bool Transient { get; } = transient;
}
