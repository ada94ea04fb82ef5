using CovalentBond.Publishing.Index;

namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Wakes the publisher when a post's status is due to change: a message that becomes visible at
/// <see cref="ScheduledChange.At"/>. Delivery is at least once and may be early (queues cap the delay),
/// so the handler checks the time and the index again; a timer sweep catches anything the queue missed.
/// </summary>
public interface IScheduleAlarms
{
    Task SetAsync(ScheduledChange change, DateTimeOffset now, CancellationToken cancellationToken);
}
