namespace CovalentBond.Publishing.Ports;

/// <summary>One event on its way to one subscription: what the queue carries.</summary>
public sealed record WebhookDelivery(string Id, string Subscription, string EventId, string Type, string Body, int Attempt);

/// <summary>One attempt as the log keeps it: its outcome, the status the receiver answered (0 when none), and the body.</summary>
public sealed record WebhookAttempt(string Subscription, string DeliveryId, string EventId, string Type, int Attempt, DateTimeOffset At, string Outcome, int Status, string? Error, string Body);
