using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Edge;

/// <summary>
/// Purges what a change touched from the CDN (<see cref="PurgePlan"/>): in calls of at most <see cref="IEdgePurge.MaxPaths"/>
/// addresses, each tried again after 1, 2 and 4 s when the CDN throttles or fails, and logged. A purge that still fails is
/// logged as an error and the change stands: the pages' lifetimes bound how long the edge keeps the old copy.
/// </summary>
public sealed partial class EdgePurger(IEdgePurge edge, TimeProvider clock, ILogger<EdgePurger> logger) : IPostChangeListener
{
    private const int Attempts = 4;

    /// <summary>Purges the files a change of posts wrote or removed, when the change needs it (<see cref="PurgePlan"/>).</summary>
    public async Task ChangedAsync(PostChange change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reason = change.Deltas.Select(d => PurgePlan.Reason(d.Old, d.New, now)).FirstOrDefault(r => r is not null);
        if (reason is not null && change.Files.Count > 0)
        {
            await PurgeAsync(PurgePlan.AddressesOf(change.Files), reason, cancellationToken);
        }
    }

    /// <summary>Purges <paramref name="addresses"/> in batches, each retried; never throws but for cancellation.</summary>
    public async Task PurgeAsync(IReadOnlyList<string> addresses, string reason, CancellationToken cancellationToken)
    {
        foreach (var batch in addresses.Chunk(IEdgePurge.MaxPaths))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await edge.PurgeAsync(batch, cancellationToken);
                    LogPurged(logger, batch.Length, reason, batch);
                    break;
                }
                catch (EdgePurgeFailedException ex) when (ex.Transient && attempt < Attempts)
                {
                    var wait = TimeSpan.FromSeconds(1 << (attempt - 1));
                    LogRetrying(logger, ex, batch.Length, attempt, wait.TotalSeconds);
                    await Task.Delay(wait, clock, cancellationToken);
                }
                catch (EdgePurgeFailedException ex)
                {
                    LogFailed(logger, ex, batch.Length, reason, attempt, batch);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} addresses from the edge ({Reason}): {Paths}")]
    private static partial void LogPurged(ILogger logger, int count, string reason, IEnumerable<string> paths);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The edge refused a purge of {Count} addresses (attempt {Attempt}); trying again in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int count, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not purge {Count} addresses from the edge ({Reason}) after {Attempts} attempts; they refresh when their lifetimes end: {Paths}")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, string reason, int attempts, IEnumerable<string> paths);
}
