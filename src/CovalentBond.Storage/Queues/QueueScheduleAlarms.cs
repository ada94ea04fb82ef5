using System.Text.Json;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Queues;

/// <summary>Scheduled changes as storage queue messages that become visible at their time.</summary>
public sealed class QueueScheduleAlarms(StorageProvisioner storage) : IScheduleAlarms
{
    /// <summary>Azure Storage hides a message for seven days at most; later changes wake up and wait again.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public async Task SetAsync(ScheduledChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var delay = change.At - now;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;

        // Rounded up: a message must not wake before its time (it would only wait again).
        var visibility = TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        await storage.ScheduleQueue.SendMessageAsync(Serialize(change), visibility, TimeSpan.FromSeconds(-1), cancellationToken);
    }

    public static string Serialize(ScheduledChange change) => JsonSerializer.Serialize(change, JsonOptions);

    /// <summary>Reads a message, with an error that names the problem for a message that is not a scheduled change.</summary>
    public static ScheduledChange Deserialize(string message)
    {
        try
        {
            var change = JsonSerializer.Deserialize<ScheduledChange>(message, JsonOptions);
            return change is { Slug.Length: > 0 } ? change : throw new FormatException("The message has no slug.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The message is not a scheduled change: {ex.Message}", ex);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
