using System.Text.Json;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Queues;

/// <summary>Republish batches as messages on the <c>republish</c> queue; parked ones on <c>republish-poison</c>.</summary>
public sealed class QueueRepublishDispatcher(StorageProvisioner storage, TimeProvider clock) : IRepublishDispatcher
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(BatchMessage message, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.RepublishQueue.SendMessageAsync(Serialize(message), cancellationToken);
    }

    public async Task ParkAsync(BatchMessage message, string reason, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var parked = new ParkedBatch(message.JobId, message.Batch, reason, clock.GetUtcNow());
        await storage.RepublishPoisonQueue.SendMessageAsync(
            JsonSerializer.Serialize(parked, JsonOptions), TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken);
    }

    public static string Serialize(BatchMessage message) => JsonSerializer.Serialize(message, JsonOptions);

    /// <summary>Reads a batch message, with an error that names the problem.</summary>
    public static BatchMessage Deserialize(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<BatchMessage>(text, JsonOptions);
            return message is { JobId.Length: > 0, Batch: > 0 } ? message : throw new FormatException("The message names no job or batch.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The message is not a republish batch: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a message of the poison queue.</summary>
    public static ParkedBatch? DeserializeParked(string text) => JsonSerializer.Deserialize<ParkedBatch>(text, JsonOptions);

    /// <summary>What a parked message says: which batch, and why it was given up.</summary>
    public sealed record ParkedBatch(string JobId, int Batch, string Reason, DateTimeOffset ParkedAt);
}
