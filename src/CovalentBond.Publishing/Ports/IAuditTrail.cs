namespace CovalentBond.Publishing.Ports;

/// <summary>
/// One line of the audit trail: who did what to which post, when, and what it changed. Entries are only ever added.
/// </summary>
public sealed record AuditEntry
{
    public required DateTimeOffset At { get; init; }

    /// <summary>What was asked: <c>publish</c>, <c>unpublish</c>, <c>delete</c>, <c>restore</c>, <c>media</c>, <c>republish</c>, <c>sign-in</c>…</summary>
    public required string Action { get; init; }

    /// <summary>What came of it: <c>created</c>, <c>updated</c>, <c>unchanged</c>, <c>unpublished</c>…, or <c>forbidden</c> / <c>unauthenticated</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The caller's object id (or the fixed id of a storage drop or the app); <c>anonymous</c> when no token was valid.</summary>
    public required string CallerId { get; init; }

    public required string CallerName { get; init; }

    /// <summary><c>person</c>, <c>service</c>, <c>storage</c>, <c>app</c> or <c>anonymous</c>.</summary>
    public required string CallerKind { get; init; }

    /// <summary>The post's slug, the picture's path, or null for the site.</summary>
    public string? Subject { get; init; }

    /// <summary>The source's SHA-256 before the change, when there was one.</summary>
    public string? HashBefore { get; init; }

    /// <summary>The source's SHA-256 after the change.</summary>
    public string? HashAfter { get; init; }

    /// <summary>The trace id of the request (the same as the telemetry's), to find its spans and logs.</summary>
    public string? RequestId { get; init; }

    /// <summary>Why it was refused, or what else the entry should say.</summary>
    public string? Detail { get; init; }
}

/// <summary>Which entries to read, newest first. Every filter is optional.</summary>
/// <param name="Subject">One post's slug (or a picture's path).</param>
/// <param name="CallerId">One caller's object id.</param>
/// <param name="From">The earliest time, inclusive (default: 30 days before <paramref name="To"/>).</param>
/// <param name="To">The latest time, exclusive (default: now).</param>
/// <param name="Limit">At most this many entries.</param>
public sealed record AuditQuery(string? Subject = null, string? CallerId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 500);

/// <summary>
/// The append-only audit trail. On Azure, append blobs in a container whose immutability policy lets the app add
/// blocks and change nothing (docs/security.md); in memory for a local build.
/// </summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The entries the query selects, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);
}
