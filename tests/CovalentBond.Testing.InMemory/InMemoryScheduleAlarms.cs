using System.Collections.Concurrent;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>The alarms set, in order: what a queue would deliver later, each when its time comes.</summary>
public sealed class InMemoryScheduleAlarms : IScheduleAlarms
{
    private readonly ConcurrentQueue<ScheduledChange> set = new();
    private readonly List<ScheduledChange> waiting = [];

    public IReadOnlyList<ScheduledChange> Set => [.. set];

    public Task SetAsync(ScheduledChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        set.Enqueue(change);
        lock (waiting)
        {
            waiting.Add(change);
        }

        return Task.CompletedTask;
    }

    /// <summary>The alarms whose time has come by <paramref name="now"/>, taken off as a queue trigger takes its messages.</summary>
    public IReadOnlyList<ScheduledChange> Deliver(DateTimeOffset now)
    {
        lock (waiting)
        {
            var due = waiting.Where(c => c.At <= now).ToList();
            waiting.RemoveAll(due.Contains);
            return due;
        }
    }
}
