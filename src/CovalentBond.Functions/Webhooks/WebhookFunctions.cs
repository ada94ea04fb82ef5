using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Webhooks;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Webhooks;

/// <summary>
/// Sends webhook deliveries as they come off the <c>webhooks</c> queue. A failed attempt is queued again by the deliverer
/// with its back-off (the message itself is done), so the queue's own retries are left for storage faults.
/// </summary>
public sealed partial class WebhookFunctions(WebhookDeliverer deliverer, ILogger<WebhookFunctions> logger)
{
    [Function("DeliverWebhook")]
    public async Task DeliverAsync(
        [QueueTrigger(StorageOptions.DefaultWebhookQueue, Connection = StorageOptions.ConnectionName)] string message,
        CancellationToken cancellationToken)
    {
        WebhookDelivery delivery;
        try
        {
            delivery = QueueWebhookOutbox.Deserialize(message);
        }
        catch (FormatException ex)
        {
            // A message that cannot be read will not read on retry either.
            LogUnreadable(logger, ex.Message);
            return;
        }

        await deliverer.DeliverAsync(delivery, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook message could not be read and was dropped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
