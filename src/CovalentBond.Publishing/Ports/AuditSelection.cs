
namespace CovalentBond.Publishing.Ports;

/// <summary>What an <see cref="AuditQuery"/> selects, the same for every store.</summary>
public static class AuditSelection
{
    /// <summary>How far back a query without <see cref="AuditQuery.From"/> reads.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(30);

    /// <summary>The time range the query reads: [from, to).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) RangeOf(AuditQuery query, DateTimeOffset now)
    {
        var to = query.To ?? now.AddTicks(1);
        return (query.From ?? to - DefaultSpan, to);
    }

    public static bool Matches(AuditEntry entry, AuditQuery query, DateTimeOffset from, DateTimeOffset to) =>
        entry.At >= from && entry.At < to
        && (query.Subject is null || string.Equals(entry.Subject, query.Subject, StringComparison.Ordinal))
        && (query.CallerId is null || string.Equals(entry.CallerId, query.CallerId, StringComparison.Ordinal));

    public static List<AuditEntry> Select(IEnumerable<AuditEntry> entries, AuditQuery query, DateTimeOffset now)
    {
        var (from, to) = RangeOf(query, now);
        return entries.Where(e => Matches(e, query, from, to)).OrderByDescending(e => e.At).Take(Math.Max(0, query.Limit)).ToList();
    }
}
