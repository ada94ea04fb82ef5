using System.Globalization;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// <c>GET /api/audit?post=…&amp;caller=…&amp;from=…&amp;to=…&amp;limit=…</c>: the audit trail's entries, newest first, for
/// Editors and Admins. <c>from</c> and <c>to</c> are ISO 8601 times; without <c>from</c>, the last 30 days.
/// </summary>
public sealed class AuditFunctions(AuditRecorder audit)
{
    [Function("ReadAudit")]
    public async Task<IActionResult> ReadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (!TryTime(query["from"], out var from) || !TryTime(query["to"], out var to))
        {
            return HttpResults.Problem(400, "The time is not valid", "'from' and 'to' are ISO 8601 times, such as 2026-12-01T00:00:00Z.");
        }

        var limit = 500;
        if (query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 5000))
        {
            return HttpResults.Problem(400, "The limit is not valid", "'limit' is a whole number from 1 to 5000.");
        }

        if (from is { } f && to is { } t && (t - f).TotalDays > 366)
        {
            return HttpResults.Problem(400, "The range is too long", "Ask for at most a year at a time.");
        }

        var entries = await audit.ReadAsync(
            new AuditQuery(NullIfEmpty(query["post"]), NullIfEmpty(query["caller"]), from, to, limit), cancellationToken);
        return HttpResults.Ok(new { entries });
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
