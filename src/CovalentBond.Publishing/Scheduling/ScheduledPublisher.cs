using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Scheduling;

/// <summary>
/// Makes scheduled posts go live and expiring posts come off at their time: from a queue message
/// that becomes visible at the time (precise to the queue's polling, seconds), and from a timer sweep
/// of the index's due list (catches what the queue missed: a lost message, a post scheduled while the
/// queue was unreachable). Both are idempotent: a post handled twice is published once.
/// </summary>
public sealed partial class ScheduledPublisher(
    IPostIndex index,
    StoredPostRepublisher posts,
    IScheduleAlarms alarms,
    TimeProvider clock,
    ILogger<ScheduledPublisher> logger)
{
    /// <summary>The most due posts one sweep handles; the rest wait for the next sweep.</summary>
    public const int SweepLimit = 1000;

    /// <summary>Handles a queue message: publishes the post's status as of now, or waits again if the message woke early.</summary>
    public async Task<PublishResult?> HandleAsync(ScheduledChange change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (change.At > now)
        {
            // Queues delay a message by seven days at most: a post scheduled further ahead waits in steps.
            await alarms.SetAsync(change, now, cancellationToken);
            return null;
        }

        return await ApplyAsync(change, cancellationToken);
    }

    /// <summary>Applies every change that is due now. Returns what was published or taken off.</summary>
    public async Task<IReadOnlyList<PublishResult>> SweepAsync(CancellationToken cancellationToken)
    {
        var due = await index.DueAsync(clock.GetUtcNow(), SweepLimit, cancellationToken);
        var results = new List<PublishResult>();
        foreach (var change in due)
        {
            try
            {
                if (await ApplyAsync(change, cancellationToken) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken post (a missing source) must not hold up the others; it stays due.
                LogSweepFailed(logger, ex, change.Slug, change.At);
            }
        }

        return results;
    }

    private async Task<PublishResult?> ApplyAsync(ScheduledChange change, CancellationToken cancellationToken)
    {
        var result = await posts.RepublishAsync(change.Slug, cancellationToken);
        if (await index.GetAsync(change.Slug, cancellationToken) is not { } record || record.NextChangeAt != change.At)
        {
            // The record moved on (published, rescheduled, withdrawn): this entry is done.
            await index.ForgetAsync(change, cancellationToken);
        }

        if (result is not null)
        {
            LogApplied(logger, change.Slug, result.PostStatus, change.At);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled change of {Slug} due {At}: now {Status}")]
    private static partial void LogApplied(ILogger logger, string slug, PostStatus? status, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled change of {Slug} due {At} failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string slug, DateTimeOffset at);
}
