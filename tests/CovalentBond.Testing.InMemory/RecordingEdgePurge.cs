using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>The CDN's purge in memory: it records every call, and fails the next calls when a test says so.</summary>
public sealed class RecordingEdgePurge : IEdgePurge
{
    private readonly List<IReadOnlyList<string>> calls = [];
    private int failures;
    private bool transient;

    /// <summary>Every call's addresses, in order (failed calls included).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Calls { get { lock (calls) { return [.. calls]; } } }

    /// <summary>Every address of the calls that succeeded.</summary>
    public IReadOnlyList<string> Purged { get; private set; } = [];

    /// <summary>Makes the next <paramref name="count"/> calls fail, as throttling (transient) or a refusal.</summary>
    public void FailNext(int count, bool asTransient)
    {
        failures = count;
        transient = asTransient;
    }

    public Task PurgeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count > IEdgePurge.MaxPaths)
        {
            throw new ArgumentException($"at most {IEdgePurge.MaxPaths} paths a call", nameof(paths));
        }

        lock (calls)
        {
            calls.Add([.. paths]);
            if (failures > 0)
            {
                failures--;
                throw new EdgePurgeFailedException(transient ? "429 throttled" : "403 forbidden", transient);
            }

            Purged = [.. Purged, .. paths];
        }

        return Task.CompletedTask;
    }
}
