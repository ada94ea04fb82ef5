using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Edge;

/// <summary>
/// The purge where there is no CDN (<c>covalent dev</c>, a build, a site without <c>FrontDoor:EndpointId</c>): it purges
/// nothing and logs what it would have purged.
/// </summary>
public sealed partial class LoggedEdgePurge(ILogger<LoggedEdgePurge> logger) : IEdgePurge
{
    public Task PurgeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        LogWouldPurge(logger, paths.Count, paths);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No CDN to purge (FrontDoor:EndpointId is not set); would purge {Count} addresses: {Paths}")]
    private static partial void LogWouldPurge(ILogger logger, int count, IEnumerable<string> paths);
}
