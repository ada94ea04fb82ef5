using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Republishing;

/// <summary>A job's progress as tools show it (the status endpoint, <c>covalent status --json</c>): one shape for both.</summary>
public sealed record RepublishReport(
    string JobId,
    string Reason,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Total,
    int Done,
    int Failed,
    int Batches,
    int FilesWritten,
    IReadOnlyList<RepublishReport.Failure> Failures)
{
    public static RepublishReport Of(RepublishStatus status) => new(
        status.JobId,
        status.Reason,
        status.State,
        status.StartedAt,
        status.FinishedAt,
        status.Total,
        status.Done,
        status.Failed,
        status.Batches,
        status.Written,
        status.Failures.Select(f => new Failure(f.Number, f.Attempts, f.LastError, f.Items)).ToList());

    /// <summary>A batch that failed on every attempt, with why and which pages it held.</summary>
    public sealed record Failure(int Batch, int Attempts, string? Reason, IReadOnlyList<string> Pages);
}
