namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Republish jobs and their batches, kept where every instance can see them (a table): the job's
/// progress is the sum of its batches' states, so no counter is ever updated by two workers at once.
/// </summary>
public interface IRepublishJobStore
{
    /// <summary>Records a job and all its batches (each pending) before any is queued.</summary>
    Task CreateAsync(RepublishStatus job, IReadOnlyList<RepublishBatch> batches, CancellationToken cancellationToken);

    /// <summary>A batch, or null when the job or batch does not exist.</summary>
    Task<RepublishBatch?> GetBatchAsync(string jobId, int number, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of an attempt. Returns false, and changes nothing, when the batch is no longer
    /// pending (another delivery of the same message finished it first).
    /// </summary>
    Task<bool> UpdateBatchAsync(RepublishBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// What a finished job's batches left on the site (<see cref="RepublishBatch.Left"/>, all of them together), or null
    /// when a batch of it recorded nothing.
    /// </summary>
    Task<IReadOnlyList<DeployedPage>?> LeftAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeployedPage>?>(null);

    /// <summary>Every batch of a job, in order.</summary>
    Task<IReadOnlyList<RepublishBatch>> BatchesAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>A job's progress, or null when there is no such job; the latest job when <paramref name="jobId"/> is null.</summary>
    Task<RepublishStatus?> StatusAsync(string? jobId, CancellationToken cancellationToken);

    /// <summary>What the site was last republished with (theme and settings), or null before the first republish.</summary>
    Task<string?> LastFingerprintAsync(CancellationToken cancellationToken);

    /// <summary>Remembers what the site is being republished with, and where its articles live (<c>Site:Permalink</c>).</summary>
    Task SetLastFingerprintAsync(string fingerprint, string permalink, CancellationToken cancellationToken);

    /// <summary>
    /// The <c>Site:Permalink</c> the site was last republished with: null before the first republish, the default
    /// for a site republished before the setting existed.
    /// </summary>
    Task<string?> LastPermalinkAsync(CancellationToken cancellationToken);
}

/// <summary>Sends batches to the workers, and parks batches that keep failing.</summary>
public interface IRepublishDispatcher
{
    Task SendAsync(BatchMessage message, CancellationToken cancellationToken);

    /// <summary>Puts a batch that failed on every attempt on the poison queue, with the reason.</summary>
    Task ParkAsync(BatchMessage message, string reason, CancellationToken cancellationToken);
}
