using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Scheduling;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Scheduling;

/// <summary>
/// Scheduled posts go live and expiring posts come off at their time: a queue message that becomes
/// visible then, and a timer sweep (setting <c>ScheduleSweepCron</c>, NCRONTAB with seconds) that
/// applies anything the queue missed.
/// </summary>
public sealed partial class ScheduledChangeFunctions(ScheduledPublisher scheduler, ILogger<ScheduledChangeFunctions> logger)
{
    [Function("ApplyScheduledChange")]
    public async Task ApplyAsync(
        [QueueTrigger(StorageOptions.DefaultScheduleQueue, Connection = StorageOptions.ConnectionName)] string message,
        CancellationToken cancellationToken)
    {
        ScheduledChange change;
        try
        {
            change = QueueScheduleAlarms.Deserialize(message);
        }
        catch (FormatException ex)
        {
            // A message that cannot be read will not read on retry either.
            LogUnreadable(logger, ex.Message);
            return;
        }

        await scheduler.HandleAsync(change, cancellationToken);
    }

    [Function("SweepScheduledChanges")]
    public async Task SweepAsync([TimerTrigger("%ScheduleSweepCron%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var applied = await scheduler.SweepAsync(cancellationToken);
        LogSwept(logger, applied.Count, timer.ScheduleStatus?.Next);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped an unreadable scheduled-change message: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule sweep applied {Count} changes; next sweep {Next}")]
    private static partial void LogSwept(ILogger logger, int count, DateTime? next);
}
