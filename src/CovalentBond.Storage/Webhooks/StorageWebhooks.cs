using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Webhooks;

/// <summary>Webhook deliveries as messages of the <c>webhooks</c> queue, each visible after its back-off (seven days at most).</summary>
public sealed class QueueWebhookOutbox(StorageProvisioner storage) : IWebhookOutbox
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var visibility = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await storage.WebhookQueue.SendMessageAsync(Serialize(delivery), visibility, TimeSpan.FromSeconds(-1), cancellationToken);
    }

    public static string Serialize(WebhookDelivery delivery) => JsonSerializer.Serialize(delivery, Json);

    /// <summary>Reads a message, with an error that names the problem for a message that is not a delivery.</summary>
    public static WebhookDelivery Deserialize(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookDelivery>(message, Json) is { Id.Length: > 0, Subscription.Length: > 0 } delivery
                ? delivery
                : throw new FormatException("The message has no delivery id or subscription.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The message is not a webhook delivery: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// The webhook log as a table (<c>{IndexTable}Webhooks</c>): a partition per subscription, a row per attempt keyed newest
/// first; a subscription a receiver disabled has a row in the <c>disabled</c> partition.
/// </summary>
public sealed class TableWebhookLog(StorageProvisioner storage) : IWebhookLog
{
    private const string DisabledPartition = "~disabled";

    private TableClient Table => storage.WebhookTable;

    public async Task RecordAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var key = (DateTimeOffset.MaxValue.UtcTicks - attempt.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + attempt.DeliveryId + "_" + attempt.Attempt.ToString(CultureInfo.InvariantCulture);
        await Table.UpsertEntityAsync(
            new TableEntity(attempt.Subscription, key)
            {
                ["DeliveryId"] = attempt.DeliveryId,
                ["EventId"] = attempt.EventId,
                ["Type"] = attempt.Type,
                ["Attempt"] = attempt.Attempt,
                ["At"] = attempt.At.ToString("O", CultureInfo.InvariantCulture),
                ["Outcome"] = attempt.Outcome,
                ["Status"] = attempt.Status,
                ["Error"] = attempt.Error,
                ["Body"] = attempt.Body,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookAttempt>> ListAsync(string subscription, int max, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var list = new List<WebhookAttempt>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == subscription, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            list.Add(Read(row));
            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    public async Task<WebhookAttempt?> FindAsync(string subscription, string deliveryId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == subscription && e.GetString("DeliveryId") == deliveryId, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return Read(row);
        }

        return null;
    }

    public async Task DisableAsync(string subscription, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await Table.UpsertEntityAsync(new TableEntity(DisabledPartition, subscription) { ["Reason"] = reason, ["At"] = at.ToString("O", CultureInfo.InvariantCulture) }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<string?> DisabledAsync(string subscription, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(DisabledPartition, subscription, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Reason") : null;
    }

    private static WebhookAttempt Read(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("DeliveryId"),
        row.GetString("EventId"),
        row.GetString("Type"),
        row.GetInt32("Attempt") ?? 0,
        DateTimeOffset.ParseExact(row.GetString("At"), "O", CultureInfo.InvariantCulture),
        row.GetString("Outcome"),
        row.GetInt32("Status") ?? 0,
        row.GetString("Error"),
        row.GetString("Body"));
}
