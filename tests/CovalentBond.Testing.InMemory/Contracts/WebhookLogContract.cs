using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="IWebhookLog"/> does: attempts listed newest first per subscription, found by delivery, and a subscription disabled for good.</summary>
public abstract class WebhookLogContract : PortContract<IWebhookLog>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 30, 0, TimeSpan.Zero);

    private static WebhookAttempt Attempt(string subscription, string delivery, int attempt, int minutes, string outcome, int status = 0) =>
        new(subscription, delivery, "deal.3", "post.published", attempt, Now.AddMinutes(minutes), outcome, status, status >= 300 ? $"the receiver answered {status}" : null, "{\"event\":\"post.published\",\"title\":\"Ü — deal\"}");

    [Fact]
    public async Task Attempts_come_back_newest_first_for_their_subscription_alone()
    {
        await Port.RecordAsync(Attempt("partner", "d1", 0, 0, "queued"), None);
        await Port.RecordAsync(Attempt("partner", "d1", 1, 1, "retrying", 500), None);
        await Port.RecordAsync(Attempt("other", "d2", 1, 2, "delivered", 200), None);
        await Port.RecordAsync(Attempt("partner", "d1", 2, 3, "delivered", 204), None);

        var log = await Port.ListAsync("partner", 10, None);

        Assert.Equal([("delivered", 204, 2), ("retrying", 500, 1), ("queued", 0, 0)], log.Select(a => (a.Outcome, a.Status, a.Attempt)));
        Assert.Equal(Attempt("partner", "d1", 1, 1, "retrying", 500), log[1]);
        Assert.Single(await Port.ListAsync("partner", 1, None));
        Assert.Empty(await Port.ListAsync("nobody", 10, None));
    }

    [Fact]
    public async Task A_delivery_is_found_by_its_id_with_its_body_for_a_replay()
    {
        await Port.RecordAsync(Attempt("partner", "d1", 1, 1, "delivered", 200), None);

        var found = await Port.FindAsync("partner", "d1", None);

        Assert.Equal("{\"event\":\"post.published\",\"title\":\"Ü — deal\"}", found!.Body);
        Assert.Null(await Port.FindAsync("partner", "d9", None));
        Assert.Null(await Port.FindAsync("other", "d1", None));
    }

    [Fact]
    public async Task A_disabled_subscription_stays_disabled_with_its_reason()
    {
        Assert.Null(await Port.DisabledAsync("partner", None));

        await Port.DisableAsync("partner", "partner answered 410 Gone", Now, None);

        Assert.Equal("partner answered 410 Gone", await Port.DisabledAsync("partner", None));
        Assert.Null(await Port.DisabledAsync("other", None));
    }
}
