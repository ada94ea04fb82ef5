using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Alias claims in memory: one per file, compared without regard to case, replaced only as read.</summary>
public sealed class InMemoryAliasClaims : IAliasClaims
{
    private readonly Dictionary<string, AliasClaim> claims = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public Task<AliasClaim?> GetAsync(string file, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(claims.GetValueOrDefault(file));
        }
    }

    public Task<bool> TryClaimAsync(string file, string slug, AliasClaim? over, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var current = claims.GetValueOrDefault(file);
            if (over is null ? current is not null : current?.Tag != over.Tag)
            {
                return Task.FromResult(false);
            }

            claims[file] = new AliasClaim(file, slug, now, Guid.NewGuid().ToString("N"));
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string file, string slug, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (claims.GetValueOrDefault(file) is { } claim && claim.Slug == slug)
            {
                claims.Remove(file);
            }

            return Task.CompletedTask;
        }
    }
}
