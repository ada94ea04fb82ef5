using System.Net;
using System.Text;
using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Webhooks;

/// <summary>
/// Sends one delivery: a POST of the event's JSON, signed (<see cref="WebhookSignature"/>), with <c>X-Covalent-Event</c> and
/// <c>X-Covalent-Delivery</c>. A 2xx answer delivers it; 410 Gone disables the subscription; anything else (another
/// status, a timeout, no connection) queues the next attempt after a growing back-off, until the last is given up. Every
/// attempt is in the log. A replay (<see cref="ReplayAsync"/>) sends a logged delivery again as a new one.
/// </summary>
public sealed partial class WebhookDeliverer(WebhookOptions options, IWebhookOutbox queue, IWebhookLog log, HttpClient http, TimeProvider clock, ILogger<WebhookDeliverer> logger)
{
    /// <summary>The wait before each retry: 1 min, 5 min, 30 min, 2 h, then 12 h.</summary>
    public static TimeSpan BackOff(int attempt) => attempt switch
    {
        1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(30),
        4 => TimeSpan.FromHours(2),
        _ => TimeSpan.FromHours(12),
    };

    public async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var subscription = options.Subscriptions.FirstOrDefault(s => s.Id == delivery.Subscription);
        if (subscription is null || subscription.Problem() is not null || await log.DisabledAsync(delivery.Subscription, cancellationToken) is not null)
        {
            await RecordAsync(delivery, "dropped", 0, subscription is null ? "the subscription is no longer configured" : subscription.Problem() ?? "the subscription is disabled", cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(subscription.Secret, now, delivery.Body));
        request.Headers.Add("X-Covalent-Event", delivery.Type);
        request.Headers.Add("X-Covalent-Delivery", delivery.Id);
        request.Headers.UserAgent.ParseAdd("CovalentBond-Webhooks/1");

        int status;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            status = 0;
            error = ex is TaskCanceledException ? $"no answer within {options.Timeout.TotalSeconds:0} s" : ex.Message;
        }

        if (status is >= 200 and < 300)
        {
            await RecordAsync(delivery, "delivered", status, null, cancellationToken);
            return;
        }

        if (status == (int)HttpStatusCode.Gone)
        {
            await RecordAsync(delivery, "gone", status, "the receiver answered 410 Gone: the subscription is disabled", cancellationToken);
            await log.DisableAsync(delivery.Subscription, $"{delivery.Subscription} answered 410 Gone to delivery {delivery.Id}", now, cancellationToken);
            LogDisabled(logger, delivery.Subscription);
            return;
        }

        error ??= $"the receiver answered {status}";
        if (delivery.Attempt >= options.MaxAttempts)
        {
            await RecordAsync(delivery, "failed", status, $"{error}; given up after {delivery.Attempt} attempts", cancellationToken);
            LogGivenUp(logger, delivery.Id, delivery.Subscription, delivery.Attempt, error);
            return;
        }

        var wait = BackOff(delivery.Attempt);
        await RecordAsync(delivery, "retrying", status, $"{error}; next attempt in {wait}", cancellationToken);
        await queue.EnqueueAsync(delivery with { Attempt = delivery.Attempt + 1 }, wait, cancellationToken);
    }

    /// <summary>Sends a logged delivery again, as a new delivery of the same event (its first attempt); null when the log does not know it.</summary>
    public async Task<WebhookDelivery?> ReplayAsync(string subscription, string deliveryId, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(subscription, deliveryId, cancellationToken) is not { } logged)
        {
            return null;
        }

        var replay = new WebhookDelivery(Guid.NewGuid().ToString("N"), subscription, logged.EventId, logged.Type, logged.Body, Attempt: 1);
        await queue.EnqueueAsync(replay, TimeSpan.Zero, cancellationToken);
        await log.RecordAsync(new WebhookAttempt(subscription, replay.Id, logged.EventId, logged.Type, 0, clock.GetUtcNow(), "queued", 0, $"replay of {deliveryId}", logged.Body), cancellationToken);
        return replay;
    }

    private Task RecordAsync(WebhookDelivery delivery, string outcome, int status, string? error, CancellationToken cancellationToken) =>
        log.RecordAsync(new WebhookAttempt(delivery.Subscription, delivery.Id, delivery.EventId, delivery.Type, delivery.Attempt, clock.GetUtcNow(), outcome, status, error, delivery.Body), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook subscription {Subscription} answered 410 Gone and is disabled")]
    private static partial void LogDisabled(ILogger logger, string subscription);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up webhook delivery {Delivery} to {Subscription} after {Attempts} attempts: {Error}")]
    private static partial void LogGivenUp(ILogger logger, string delivery, string subscription, int attempts, string error);
}
