using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Webhook deliveries waiting in memory, each visible from its time on, as the storage queue holds them.</summary>
public sealed class InMemoryWebhookOutbox(TimeProvider clock) : IWebhookOutbox
{
    private readonly List<(DateTimeOffset Visible, WebhookDelivery Delivery)> waiting = [];

    public Task EnqueueAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (waiting)
        {
            waiting.Add((clock.GetUtcNow() + delay, delivery));
        }

        return Task.CompletedTask;
    }

    /// <summary>How long each waiting delivery still waits from <paramref name="now"/>, in order.</summary>
    public IReadOnlyList<(WebhookDelivery Delivery, TimeSpan Wait)> Waiting(DateTimeOffset now)
    {
        lock (waiting)
        {
            return waiting.Select(w => (w.Delivery, w.Visible - now)).ToList();
        }
    }

    /// <summary>The deliveries visible by <paramref name="now"/>, taken off as a queue trigger takes its messages.</summary>
    public IReadOnlyList<WebhookDelivery> Take(DateTimeOffset now)
    {
        lock (waiting)
        {
            var due = waiting.Where(w => w.Visible <= now).ToList();
            waiting.RemoveAll(due.Contains);
            return due.Select(w => w.Delivery).ToList();
        }
    }
}

/// <summary>The webhook log in memory (the contract suite holds it to the table adapter).</summary>
public sealed class InMemoryWebhookLog : IWebhookLog
{
    private readonly List<WebhookAttempt> attempts = [];
    private readonly Dictionary<string, string> disabled = new(StringComparer.Ordinal);

    public Task RecordAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        lock (attempts)
        {
            attempts.Add(attempt);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookAttempt>> ListAsync(string subscription, int max, CancellationToken cancellationToken)
    {
        lock (attempts)
        {
            return Task.FromResult<IReadOnlyList<WebhookAttempt>>(attempts.Where(a => a.Subscription == subscription).Reverse().Take(max).ToList());
        }
    }

    public Task<WebhookAttempt?> FindAsync(string subscription, string deliveryId, CancellationToken cancellationToken)
    {
        lock (attempts)
        {
            return Task.FromResult(attempts.LastOrDefault(a => a.Subscription == subscription && a.DeliveryId == deliveryId));
        }
    }

    public Task DisableAsync(string subscription, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (attempts)
        {
            disabled[subscription] = reason;
        }

        return Task.CompletedTask;
    }

    public Task<string?> DisabledAsync(string subscription, CancellationToken cancellationToken)
    {
        lock (attempts)
        {
            return Task.FromResult(disabled.GetValueOrDefault(subscription));
        }
    }
}
