using System.Collections.Concurrent;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>The alarms set, in order: what a queue would deliver later.</summary>
public sealed class InMemoryScheduleAlarms : IScheduleAlarms
{
    private readonly ConcurrentQueue<ScheduledChange> set = new();

    public IReadOnlyList<ScheduledChange> Set => [.. set];

    public Task SetAsync(ScheduledChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        set.Enqueue(change);
        return Task.CompletedTask;
    }
}
