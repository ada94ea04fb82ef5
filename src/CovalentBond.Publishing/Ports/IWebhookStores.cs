namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Where webhook deliveries wait (a storage queue on Azure): a delivery becomes visible after its delay (a retry's back-off), and is handed
/// to the deliverer (Webhooks/WebhookDeliverer). At least once: a receiver tells deliveries apart by <c>X-Covalent-Delivery</c>.
/// </summary>
public interface IWebhookOutbox
{
    Task EnqueueAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>
/// Every delivery attempt of every subscription (its answer, its body for a replay), and the subscriptions a receiver
/// turned off by answering 410 Gone.
/// </summary>
public interface IWebhookLog
{
    Task RecordAsync(WebhookAttempt attempt, CancellationToken cancellationToken);

    /// <summary>A subscription's attempts, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<WebhookAttempt>> ListAsync(string subscription, int max, CancellationToken cancellationToken);

    /// <summary>The newest attempt of a delivery, or null when the log does not know it.</summary>
    Task<WebhookAttempt?> FindAsync(string subscription, string deliveryId, CancellationToken cancellationToken);

    Task DisableAsync(string subscription, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Why a subscription was disabled, or null while it is on.</summary>
    Task<string?> DisabledAsync(string subscription, CancellationToken cancellationToken);
}
