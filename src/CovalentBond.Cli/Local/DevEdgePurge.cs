using CovalentBond.Publishing.Ports;

namespace CovalentBond.Cli.Local;

/// <summary><c>covalent dev</c>'s purge: there is no CDN in front of it, so it prints what a withdrawal or a correction would purge.</summary>
internal sealed class DevEdgePurge(TextWriter output) : IEdgePurge
{
    public async Task PurgeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        await output.WriteLineAsync($"No CDN in covalent dev; on Azure this would purge {paths.Count} addresses from Front Door: {string.Join(' ', paths)}");
}
