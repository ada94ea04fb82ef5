using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Webhooks;

/// <summary>
/// Turns accepted changes into deliveries: one per event and subscription that wants it and is not disabled, queued at
/// once and logged as queued. Nothing is sent here: the queue's worker (<see cref="WebhookDeliverer"/>) sends.
/// </summary>
public sealed partial class WebhookDispatcher(WebhookOptions options, SiteOptions site, IWebhookOutbox queue, IWebhookLog log, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : IPostChangeListener
{
    public async Task ChangedAsync(PostChange change, CancellationToken cancellationToken)
    {
        if (options.Subscriptions.Count > 0)
        {
            foreach (var @event in WebhookEvent.Of(change, site, clock.GetUtcNow()))
            {
                await DispatchAsync(@event, cancellationToken);
            }
        }
    }

    /// <summary>Only when a subscription wants <c>site.republished</c>.</summary>
    public bool HearsRepublishes => options.Subscriptions.Any(s => s.Wants(WebhookEvent.Republished));

    /// <summary>A whole republish finished: <c>site.republished</c>, its id the job's (a receiver drops a second telling).</summary>
    public Task RepublishedAsync(RepublishStatus job, CancellationToken cancellationToken) =>
        options.Subscriptions.Count == 0 ? Task.CompletedTask : DispatchAsync(WebhookEvent.SiteRepublished(job, site, clock.GetUtcNow()), cancellationToken);

    /// <summary>Queues <paramref name="event"/> for every subscription that wants it; a failure is logged, never thrown (the change stands).</summary>
    public async Task DispatchAsync(WebhookEvent @event, CancellationToken cancellationToken)
    {
        foreach (var subscription in options.Subscriptions.Where(s => s.Wants(@event.Type)))
        {
            try
            {
                if (subscription.Problem() is { } problem)
                {
                    LogUnusable(logger, subscription.Id, problem);
                    continue;
                }

                if (await log.DisabledAsync(subscription.Id, cancellationToken) is not null)
                {
                    continue;
                }

                var delivery = new WebhookDelivery(Guid.NewGuid().ToString("N"), subscription.Id, @event.Id, @event.Type, @event.Body, Attempt: 1);
                await queue.EnqueueAsync(delivery, TimeSpan.Zero, cancellationToken);
                await log.RecordAsync(new WebhookAttempt(subscription.Id, delivery.Id, @event.Id, @event.Type, 0, clock.GetUtcNow(), "queued", 0, null, @event.Body), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotQueued(logger, ex, @event.Type, subscription.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook subscription {Subscription} is not used: {Problem}")]
    private static partial void LogUnusable(ILogger logger, string subscription, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue {Type} for the webhook subscription {Subscription}")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, string type, string subscription);
}
