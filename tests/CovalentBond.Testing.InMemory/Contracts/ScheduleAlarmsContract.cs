using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>
/// What every <see cref="IScheduleAlarms"/> does: an alarm whose time has come is delivered with its post and time; one
/// whose time is ahead is not delivered yet (it wakes the scheduled publisher at its time, not before).
/// </summary>
public abstract class ScheduleAlarmsContract : PortContract<IScheduleAlarms>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>The alarms delivered by now (received and taken off, as the queue trigger takes its messages).</summary>
    protected abstract Task<IReadOnlyList<ScheduledChange>> DeliveredAsync();

    [Fact]
    public async Task An_alarm_whose_time_has_come_is_delivered_with_its_post_and_time()
    {
        var due = new ScheduledChange("night-trams", Now.AddMinutes(-1));

        await Port.SetAsync(due, Now, None);

        var delivered = Assert.Single(await DeliveredAsync());
        Assert.Equal(due.Slug, delivered.Slug);
        Assert.Equal(due.At, delivered.At);
    }

    [Fact]
    public async Task An_alarm_whose_time_is_ahead_is_not_delivered_yet()
    {
        await Port.SetAsync(new ScheduledChange("tomorrow", Now.AddHours(20)), Now, None);
        await Port.SetAsync(new ScheduledChange("next-month", Now.AddDays(30)), Now, None);
        await Port.SetAsync(new ScheduledChange("now", Now), Now, None);

        Assert.Equal(["now"], (await DeliveredAsync()).Select(c => c.Slug));
    }
}
