using CovalentBond.Publishing.Index;

namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Told of every accepted change of posts once its pages are written (a publish, an edit, a withdrawal, a restore, a
/// schedule coming due), and of a whole republish once its last batch is done: the CDN's purge and the webhooks listen.
/// A listener must not throw for its own failures; the change stands.
/// </summary>
public interface IPostChangeListener
{
    Task ChangedAsync(PostChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Whether it wants <see cref="RepublishedAsync"/>: knowing that a job has finished costs a read of the job's batches
    /// after each batch, which a republish makes only for a listener that asks.
    /// </summary>
    bool HearsRepublishes => false;

    /// <summary>A republish has finished (every batch done or failed); told by the batch that finished it, possibly twice.</summary>
    Task RepublishedAsync(RepublishStatus job, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One accepted change: the records before and after each save, and the site files it wrote or removed.</summary>
public sealed record PostChange(IReadOnlyList<IndexDelta> Deltas, IReadOnlyList<string> Files);
