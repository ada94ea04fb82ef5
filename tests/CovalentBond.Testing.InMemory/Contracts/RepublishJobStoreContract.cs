using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>
/// What every <see cref="IRepublishJobStore"/> does: a job's progress is the sum of its batches' states, and a batch
/// once finished is never recorded again (a second delivery of its message changes nothing).
/// </summary>
public abstract class RepublishJobStoreContract : PortContract<IRepublishJobStore>
{
    private static readonly DateTimeOffset Started = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static RepublishBatch Batch(string job, int number, params string[] items) => new() { JobId = job, Number = number, Items = items };

    private Task RecordJobAsync(string job, params RepublishBatch[] batches) => Port.CreateAsync(
        new RepublishStatus { JobId = job, Reason = "theme changed", StartedAt = Started, Fingerprint = "f1", Total = batches.Sum(b => b.Items.Count), Batches = batches.Length },
        batches,
        None);

    [Fact]
    public async Task A_new_job_is_the_latest_with_every_batch_pending()
    {
        Assert.Null(await Port.StatusAsync(null, None));
        await RecordJobAsync("job-1", Batch("job-1", 1, "latest", "tags"), Batch("job-1", 2, "article|a"));

        var status = await Port.StatusAsync(null, None);
        Assert.Equal(("job-1", "theme changed", 3, 2, 0, false), (status!.JobId, status.Reason, status.Total, status.Batches, status.Done, status.IsFinished));
        Assert.Equal(Started, status.StartedAt);
        var batch = await Port.GetBatchAsync("job-1", 1, None);
        Assert.Equal(BatchState.Pending, batch!.State);
        Assert.Equal(["latest", "tags"], batch.Items);
        Assert.Null(await Port.GetBatchAsync("job-1", 3, None));
        Assert.Null(await Port.StatusAsync("job-2", None));
    }

    [Fact]
    public async Task A_finished_batch_is_never_recorded_again_and_the_job_finishes_with_its_last_batch()
    {
        await RecordJobAsync("job-1", Batch("job-1", 1, "latest", "tags"), Batch("job-1", 2, "article|a"));
        var first = (await Port.GetBatchAsync("job-1", 1, None))!;
        var finishedAt = Started.AddSeconds(5);

        Assert.True(await Port.UpdateBatchAsync(first with { State = BatchState.Done, Attempts = 1, Written = 4, FinishedAt = finishedAt, Left = [] }, None));
        Assert.False(await Port.UpdateBatchAsync(first with { State = BatchState.Failed, Attempts = 2, LastError = "late" }, None));
        Assert.Equal((BatchState.Done, 4), ((await Port.GetBatchAsync("job-1", 1, None))!.State, (await Port.GetBatchAsync("job-1", 1, None))!.Written));
        Assert.False((await Port.StatusAsync("job-1", None))!.IsFinished);

        var second = (await Port.GetBatchAsync("job-1", 2, None))!;
        Assert.True(await Port.UpdateBatchAsync(second with { State = BatchState.Failed, Attempts = 5, LastError = "IOException: gone", FinishedAt = finishedAt.AddSeconds(1) }, None));

        var status = (await Port.StatusAsync("job-1", None))!;
        Assert.Equal((2, 1, 4, true, "finished with failures"), (status.Done, status.Failed, status.Written, status.IsFinished, status.State));
        Assert.Equal(finishedAt.AddSeconds(1), status.FinishedAt);
        Assert.Equal("IOException: gone", Assert.Single(status.Failures).LastError);
        Assert.Equal([1, 2], (await Port.BatchesAsync("job-1", None)).Select(b => b.Number));
    }

    [Fact]
    public async Task What_the_site_was_republished_with_is_remembered()
    {
        Assert.Null(await Port.LastFingerprintAsync(None));
        Assert.Null(await Port.LastPermalinkAsync(None));

        await Port.SetLastFingerprintAsync("f2", "/:year/:month/:slug/", None);

        Assert.Equal("f2", await Port.LastFingerprintAsync(None));
        Assert.Equal("/:year/:month/:slug/", await Port.LastPermalinkAsync(None));
    }

    [Fact]
    public async Task What_a_job_left_on_the_site_is_known_only_once_every_batch_has_said()
    {
        await RecordJobAsync("job-1", Batch("job-1", 1, "latest"), Batch("job-1", 2, "article|a"));
        var page = new DeployedPage("index.html", "\"etag-1\"", 7, "hash", "text/html; charset=utf-8", "public, max-age=60");
        var first = (await Port.GetBatchAsync("job-1", 1, None))!;
        await Port.UpdateBatchAsync(first with { State = BatchState.Done, FinishedAt = Started, Left = [page] }, None);

        Assert.Null(await Port.LeftAsync("job-1", None));

        var second = (await Port.GetBatchAsync("job-1", 2, None))!;
        await Port.UpdateBatchAsync(second with { State = BatchState.Done, FinishedAt = Started, Left = [] }, None);
        Assert.Equal([page], await Port.LeftAsync("job-1", None));
    }
}
