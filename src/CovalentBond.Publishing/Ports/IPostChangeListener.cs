using CovalentBond.Publishing.Index;

namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Told of every accepted change of posts once its pages are written (a publish, an edit, a withdrawal, a restore, a
/// schedule coming due): the CDN's purge listens. A listener must not throw for its own failures; the change stands.
/// </summary>
public interface IPostChangeListener
{
    Task ChangedAsync(PostChange change, CancellationToken cancellationToken);
}

/// <summary>One accepted change: the records before and after each save, and the site files it wrote or removed.</summary>
public sealed record PostChange(IReadOnlyList<IndexDelta> Deltas, IReadOnlyList<string> Files);
