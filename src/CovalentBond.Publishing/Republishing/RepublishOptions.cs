namespace CovalentBond.Publishing.Republishing;

/// <summary>How a full republish is cut up and retried. Bound from the <c>Republish</c> section.</summary>
public sealed class RepublishOptions
{
    public const string SectionName = "Republish";

    /// <summary>Pages per queue message. Small enough that a batch finishes well within a function's timeout.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Attempts before a batch is parked on the poison queue with its reason. Keep it equal to
    /// <c>extensions.queues.maxDequeueCount</c> in host.json, so the worker parks the batch itself
    /// (with the reason) before the host would move the bare message.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;
}
