using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>The audit trail in memory, for the fast lane (the contract suite holds it to the append-blob trail).</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly List<AuditEntry> entries = [];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (entries)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(AuditSelection.Select(entries, query, now));
        }
    }
}
