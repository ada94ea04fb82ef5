namespace CovalentBond.Publishing.Webhooks;

/// <summary>The partners told of what the site publishes (section <c>Webhooks</c>), set by the site's operator.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    public List<WebhookSubscription> Subscriptions { get; set; } = [];

    /// <summary>Attempts of one delivery before it is given up: the first, then retries after 1 min, 5 min, 30 min, 2 h…</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One partner's endpoint: where, the secret its deliveries are signed with, and the events it wants.</summary>
public sealed class WebhookSubscription
{
    /// <summary>A short name of letters, digits and dashes: the delivery log's partition and what the CLI names.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>An https address (http only on loopback, for a local receiver).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The shared secret of the HMAC-SHA256 signature; at least 16 characters.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The events it wants (<c>post.published</c>, …); empty for all of them.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Why this subscription cannot be used, or null when it can.</summary>
    public string? Problem() =>
        !System.Text.RegularExpressions.Regex.IsMatch(Id, "^[a-z0-9][a-z0-9-]{0,62}$") ? $"its id '{Id}' must be lowercase letters, digits and dashes"
        : !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? $"its address '{Url}' must be https (http only on loopback)"
        : Secret.Length < 16 ? "its secret must have at least 16 characters"
        : Events.FirstOrDefault(e => !WebhookEvent.Types.Contains(e)) is { } unknown ? $"'{unknown}' is not an event ({string.Join(", ", WebhookEvent.Types)})"
        : null;

    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type);
}
