using System.Collections.Concurrent;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;

namespace CovalentBond.Testing.InMemory;

/// <summary>Republish jobs and their batches in memory, with the table adapter's rule: a finished batch is never recorded again.</summary>
public sealed class InMemoryRepublishJobStore : IRepublishJobStore
{
    private readonly Dictionary<string, RepublishStatus> jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string JobId, int Number), RepublishBatch> rows = [];
    private readonly Lock gate = new();
    private string? latest;
    private (string Fingerprint, string Permalink)? last;
    private long etags;

    public Task CreateAsync(RepublishStatus job, IReadOnlyList<RepublishBatch> batches, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            jobs[job.JobId] = job;
            foreach (var batch in batches)
            {
                rows[(batch.JobId, batch.Number)] = Tagged(batch);
            }

            latest = job.JobId;
            return Task.CompletedTask;
        }
    }

    public Task<RepublishBatch?> GetBatchAsync(string jobId, int number, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.GetValueOrDefault((jobId, number)));
        }
    }

    public Task<bool> UpdateBatchAsync(RepublishBatch batch, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (rows.GetValueOrDefault((batch.JobId, batch.Number)) is not { State: BatchState.Pending })
            {
                return Task.FromResult(false);
            }

            rows[(batch.JobId, batch.Number)] = Tagged(batch);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DeployedPage>?> LeftAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var ofJob = OfJob(jobId);
            return Task.FromResult<IReadOnlyList<DeployedPage>?>(ofJob.Any(b => b.Left is null) ? null : ofJob.SelectMany(b => b.Left!).ToList());
        }
    }

    public Task<IReadOnlyList<RepublishBatch>> BatchesAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RepublishBatch>>(OfJob(jobId));
        }
    }

    public Task<RepublishStatus?> StatusAsync(string? jobId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if ((jobId ?? latest) is not { } id || !jobs.TryGetValue(id, out var job))
            {
                return Task.FromResult<RepublishStatus?>(null);
            }

            var ofJob = OfJob(id);
            var finished = ofJob.Count > 0 && ofJob.All(b => b.State != BatchState.Pending);
            return Task.FromResult<RepublishStatus?>(job with
            {
                Done = ofJob.Where(b => b.State == BatchState.Done).Sum(b => b.Items.Count),
                Failed = ofJob.Where(b => b.State == BatchState.Failed).Sum(b => b.Items.Count),
                Written = ofJob.Sum(b => b.Written),
                FinishedAt = finished ? ofJob.Max(b => b.FinishedAt) : null,
                Failures = ofJob.Where(b => b.State == BatchState.Failed).ToList(),
            });
        }
    }

    public Task<string?> LastFingerprintAsync(CancellationToken cancellationToken) => Task.FromResult(last?.Fingerprint);

    public Task SetLastFingerprintAsync(string fingerprint, string permalink, CancellationToken cancellationToken)
    {
        last = (fingerprint, permalink);
        return Task.CompletedTask;
    }

    public Task<string?> LastPermalinkAsync(CancellationToken cancellationToken) => Task.FromResult(last?.Permalink);

    private List<RepublishBatch> OfJob(string jobId) => rows.Values.Where(b => b.JobId == jobId).OrderBy(b => b.Number).ToList();

    private RepublishBatch Tagged(RepublishBatch batch) => batch with { ETag = Interlocked.Increment(ref etags).ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>The republish queue in memory: batches wait until a test (standing for the Functions host) runs them.</summary>
public sealed class InMemoryRepublishDispatcher : IRepublishDispatcher
{
    private readonly ConcurrentQueue<BatchMessage> queue = new();
    private readonly ConcurrentQueue<(BatchMessage Message, string Reason)> parked = new();

    public IReadOnlyList<(BatchMessage Message, string Reason)> Parked => [.. parked];

    public Task SendAsync(BatchMessage message, CancellationToken cancellationToken)
    {
        queue.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task ParkAsync(BatchMessage message, string reason, CancellationToken cancellationToken)
    {
        parked.Enqueue((message, reason));
        return Task.CompletedTask;
    }

    /// <summary>Hands every waiting batch (and those they send) to <paramref name="republisher"/>, as the queue trigger would.</summary>
    public async Task RunAsync(SiteRepublisher republisher, CancellationToken cancellationToken)
    {
        while (queue.TryDequeue(out var message))
        {
            await republisher.ProcessAsync(message, 1, cancellationToken);
        }
    }
}
