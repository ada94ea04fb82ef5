using System.Diagnostics;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Writes the audit trail's entries for the use cases and the API's gate: who (the <see cref="Caller"/>), what, which
/// post, the source's hash before and after, and the request's trace id. Never the token.
/// </summary>
public sealed class AuditRecorder(IAuditTrail trail, TimeProvider clock)
{
    public Task RecordAsync(
        Caller caller, string action, string outcome, string? subject,
        string? hashBefore = null, string? hashAfter = null, string? detail = null, CancellationToken cancellationToken = default) =>
        trail.AppendAsync(
            new AuditEntry
            {
                At = clock.GetUtcNow(),
                Action = action,
                Outcome = outcome,
                CallerId = caller.Id,
                CallerName = caller.Name,
                CallerKind = caller.Kind.ToString().ToLowerInvariant(),
                Subject = subject,
                HashBefore = hashBefore,
                HashAfter = hashAfter,
                RequestId = Activity.Current?.TraceId.ToString(),
                Detail = detail,
            },
            cancellationToken);

    /// <summary>A request that carried no valid token: the caller is unknown, the reason is kept (never the token).</summary>
    public Task RecordUnauthenticatedAsync(string action, string? subject, string reason, CancellationToken cancellationToken = default) =>
        trail.AppendAsync(
            new AuditEntry
            {
                At = clock.GetUtcNow(),
                Action = action,
                Outcome = "unauthenticated",
                CallerId = "anonymous",
                CallerName = "anonymous",
                CallerKind = "anonymous",
                Subject = subject,
                RequestId = Activity.Current?.TraceId.ToString(),
                Detail = reason,
            },
            cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        trail.ReadAsync(query, clock.GetUtcNow(), cancellationToken);
}
