using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Webhooks;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Publishing.Tests.Webhooks;

/// <summary>
/// Partners hear of what the site publishes: each change becomes an event, delivered from a queue to a real HTTP receiver
/// on loopback, signed with HMAC-SHA256 over the timestamp and the body; a failed attempt is retried after a back-off, a
/// receiver answering 410 is disabled, and a logged delivery can be sent again.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime, IAsyncDisposable
{
    private const string Secret = "a-partners-secret-of-some-length";
    private static readonly Caller Editor = TestCallers.Person("0f0f0f0f-1111-2222-3333-444444444444", "Edna Editor", Role.Editor);
    private static readonly DateTimeOffset Start = new(2025, 8, 20, 12, 0, 0, TimeSpan.FromHours(2));

    private readonly LoopbackEndpoint receiver = new(HttpStatusCode.OK);
    private readonly ManualClock clock = new(Start);
    private ServiceProvider site = null!;

    public Task InitializeAsync()
    {
        site = Newsroom(("partner", receiver.Url.ToString(), Secret, []));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        await receiver.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private ServiceProvider Newsroom(params (string Id, string Url, string Secret, string[] Events)[] subscriptions)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Site:BaseUrl"] = "https://covalentbond.example/",
            ["Site:Name"] = "Covalent Bond",
            ["Site:TimeZone"] = "Europe/Belgrade",
        };
        for (var i = 0; i < subscriptions.Length; i++)
        {
            settings[$"Webhooks:Subscriptions:{i}:Id"] = subscriptions[i].Id;
            settings[$"Webhooks:Subscriptions:{i}:Url"] = subscriptions[i].Url;
            settings[$"Webhooks:Subscriptions:{i}:Secret"] = subscriptions[i].Secret;
            for (var e = 0; e < subscriptions[i].Events.Length; e++)
            {
                settings[$"Webhooks:Subscriptions:{i}:Events:{e}"] = subscriptions[i].Events[e];
            }
        }

        return new ServiceCollection().AddSingleton<TimeProvider>(clock).AddCovalentBondCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddInMemoryStorage().BuildServiceProvider();
    }

    private static string Story(string title, string more = "") =>
        $"---\ntitle: {title}\ndate: 2025-08-20T09:00:00+02:00\ntags: [Trade, Asia]\n{more}\n---\nBody of {title}.\n";

    private async Task PublishAsync(string slug, string text)
    {
        var result = await site.GetRequiredService<PostPublisher>().PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(text), slug, Editor));
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
    }

    /// <summary>What the queue's worker does: every delivery due now, sent.</summary>
    private async Task DeliverDueAsync()
    {
        foreach (var delivery in site.GetRequiredService<InMemoryWebhookOutbox>().Take(clock.Now))
        {
            await site.GetRequiredService<WebhookDeliverer>().DeliverAsync(delivery, CancellationToken.None);
        }
    }

    private static string Expected(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    [Fact]
    public async Task A_publish_is_posted_to_the_receiver_signed_over_the_timestamp_and_the_body()
    {
        await PublishAsync("deal", Story("The deal"));
        Assert.Empty(receiver.Requests); // queued, not sent in the publish
        await DeliverDueAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("post.published", request.Headers["X-Covalent-Event"]);
        Assert.Matches("^[0-9a-f]{32}$", request.Headers["X-Covalent-Delivery"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        var signature = request.Headers["X-Covalent-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature["t"]);
        Assert.Equal(Expected(Secret, signature["t"], request.Body), signature["sha256"]);
        Assert.True(WebhookSignature.Verify(Secret, request.Headers["X-Covalent-Signature"], request.Body, Start.AddSeconds(30), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, request.Headers["X-Covalent-Signature"], request.Body.Replace("The deal", "The deaI", StringComparison.Ordinal), Start, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-of-some-length", request.Headers["X-Covalent-Signature"], request.Body, Start, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, request.Headers["X-Covalent-Signature"], request.Body, Start.AddMinutes(10), TimeSpan.FromMinutes(5)));

        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("post.published", body.GetProperty("event").GetString());
        Assert.Equal("https://covalentbond.example/posts/deal/", body.GetProperty("post").GetProperty("url").GetString());
        Assert.Equal("The deal", body.GetProperty("post").GetProperty("title").GetString());
        Assert.Equal(["Trade", "Asia"], body.GetProperty("post").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(DateTimeOffset.Parse("2025-08-20T09:00:00+02:00", CultureInfo.InvariantCulture), body.GetProperty("post").GetProperty("date").GetDateTimeOffset());
    }

    [Fact]
    public async Task Each_change_is_its_own_event_and_a_subscription_hears_only_the_events_it_asked_for()
    {
        await site.DisposeAsync();
        await using var second = new LoopbackEndpoint(HttpStatusCode.NoContent);
        site = Newsroom(("partner", receiver.Url.ToString(), Secret, []), ("corrections-desk", second.Url.ToString(), Secret, ["post.corrected", "post.deleted"]));

        await PublishAsync("deal", Story("The deal"));
        await PublishAsync("deal", Story("The deal", "subtitle: Now with a subtitle."));
        await PublishAsync("deal", Story("The deal", "corrections:\n  - date: 2025-08-20T11:00:00+02:00\n    text: The rate is 19%."));
        await PublishAsync("deal", Story("The deal", "corrections:\n  - date: 2025-08-20T11:00:00+02:00\n    text: The rate is 19%.")); // unchanged: no event
        Assert.False((await site.GetRequiredService<PostWithdrawal>().UnpublishAsync("deal", Editor))!.IsRefused);
        Assert.False((await site.GetRequiredService<PostRestorer>().RestoreAsync("deal", Editor))!.IsRefused);
        Assert.False((await site.GetRequiredService<PostWithdrawal>().DeleteAsync("deal", Editor))!.IsRefused);
        await DeliverDueAsync();

        Assert.Equal(["post.published", "post.updated", "post.corrected", "post.unpublished", "post.published", "post.deleted"], receiver.Requests.Select(r => r.Headers["X-Covalent-Event"]));
        Assert.Equal(["post.corrected", "post.deleted"], second.Requests.Select(r => r.Headers["X-Covalent-Event"]));
        var corrected = JsonDocument.Parse(second.Requests[0].Body).RootElement.GetProperty("post").GetProperty("corrections");
        Assert.Equal("The rate is 19%.", corrected[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_failed_attempt_is_tried_again_after_a_back_off_and_every_attempt_is_in_the_log()
    {
        await PublishAsync("deal", Story("The deal"));
        receiver.Answer(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        var outbox = site.GetRequiredService<InMemoryWebhookOutbox>();

        await DeliverDueAsync();
        var (retry, wait) = Assert.Single(outbox.Waiting(clock.Now));
        Assert.Equal(2, retry.Attempt);
        Assert.Equal(TimeSpan.FromMinutes(1), wait);

        await DeliverDueAsync(); // not due yet
        Assert.Single(receiver.Requests);
        clock.Now += TimeSpan.FromMinutes(1);
        await DeliverDueAsync();
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.Single(outbox.Waiting(clock.Now)).Wait);
        clock.Now += TimeSpan.FromMinutes(5);
        await DeliverDueAsync();

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["X-Covalent-Delivery"]).Distinct()); // one delivery, three attempts
        Assert.Empty(outbox.Waiting(clock.Now));
        var log = await site.GetRequiredService<IWebhookLog>().ListAsync("partner", 10, CancellationToken.None);
        Assert.Equal([("delivered", 200, 3), ("retrying", 503, 2), ("retrying", 500, 1), ("queued", 0, 0)], log.Select(a => (a.Outcome, a.Status, a.Attempt)));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_after_the_last_attempt()
    {
        await site.DisposeAsync();
        site = Newsroom(("partner", "http://127.0.0.1:9/hook", Secret, [])); // nothing listens on the discard port
        var options = site.GetRequiredService<WebhookOptions>();

        await PublishAsync("deal", Story("The deal"));
        for (var i = 0; i < options.MaxAttempts; i++)
        {
            await DeliverDueAsync();
            clock.Now += TimeSpan.FromHours(12);
        }

        var log = await site.GetRequiredService<IWebhookLog>().ListAsync("partner", 20, CancellationToken.None);
        Assert.Equal("failed", log[0].Outcome);
        Assert.Equal(options.MaxAttempts, log[0].Attempt);
        Assert.Contains($"given up after {options.MaxAttempts} attempts", log[0].Error, StringComparison.Ordinal);
        Assert.Empty(site.GetRequiredService<InMemoryWebhookOutbox>().Waiting(clock.Now));
    }

    [Fact]
    public async Task A_receiver_answering_410_is_disabled_and_hears_nothing_more()
    {
        await PublishAsync("deal", Story("The deal"));
        receiver.Answer(HttpStatusCode.Gone);
        await DeliverDueAsync();

        var log = site.GetRequiredService<IWebhookLog>();
        Assert.Contains("410 Gone", await log.DisabledAsync("partner", CancellationToken.None), StringComparison.Ordinal);
        await PublishAsync("other", Story("Another story"));
        await DeliverDueAsync();

        Assert.Single(receiver.Requests);
        Assert.Empty(site.GetRequiredService<InMemoryWebhookOutbox>().Waiting(clock.Now));
        Assert.Equal("gone", (await log.ListAsync("partner", 10, CancellationToken.None))[0].Outcome);
    }

    [Fact]
    public async Task A_logged_delivery_replayed_is_sent_again_as_a_new_delivery_of_the_same_event()
    {
        await PublishAsync("deal", Story("The deal"));
        await DeliverDueAsync();
        var first = Assert.Single(receiver.Requests);
        var deliveryId = first.Headers["X-Covalent-Delivery"];

        clock.Now += TimeSpan.FromDays(3);
        var replay = await site.GetRequiredService<WebhookDeliverer>().ReplayAsync("partner", deliveryId, CancellationToken.None);
        await DeliverDueAsync();

        Assert.NotNull(replay);
        var again = receiver.Requests[1];
        Assert.Equal(first.Body, again.Body);
        Assert.NotEqual(deliveryId, again.Headers["X-Covalent-Delivery"]);
        Assert.True(WebhookSignature.Verify(Secret, again.Headers["X-Covalent-Signature"], again.Body, clock.Now, TimeSpan.FromMinutes(5))); // signed anew
        Assert.Null(await site.GetRequiredService<WebhookDeliverer>().ReplayAsync("partner", "no-such-delivery", CancellationToken.None));
    }

    [Fact]
    public async Task A_finished_republish_is_told_as_site_republished_once_its_last_batch_is_done()
    {
        await PublishAsync("deal", Story("The deal"));
        await DeliverDueAsync();
        var republisher = site.GetRequiredService<CovalentBond.Publishing.Republishing.SiteRepublisher>();
        var job = await republisher.StartAsync("a new theme", CancellationToken.None);
        await DeliverDueAsync();
        Assert.Single(receiver.Requests); // started, not finished: nothing told yet

        await site.GetRequiredService<InMemoryRepublishDispatcher>().RunAsync(republisher, CancellationToken.None);
        await DeliverDueAsync();

        var told = receiver.Requests.Where(r => r.Headers["X-Covalent-Event"] == "site.republished").ToList();
        Assert.NotEmpty(told);
        var body = JsonDocument.Parse(told[0].Body).RootElement;
        Assert.Equal("republish." + job.JobId, body.GetProperty("id").GetString());
        Assert.Equal("a new theme", body.GetProperty("site").GetProperty("reason").GetString());
        Assert.Equal(0, body.GetProperty("site").GetProperty("failed").GetInt32());
    }

    [Theory]
    [InlineData("partner", "http://partner.example/hook", Secret, "must be https")]
    [InlineData("partner", "file:///etc/passwd", Secret, "must be https")]
    [InlineData("partner", "https://partner.example/hook", "short", "at least 16 characters")]
    [InlineData("Partner One", "https://partner.example/hook", Secret, "lowercase letters, digits and dashes")]
    public async Task A_subscription_that_is_not_safe_to_use_is_named_with_its_problem_and_never_called(string id, string url, string secret, string problem)
    {
        var subscription = new WebhookSubscription { Id = id, Url = url, Secret = secret };
        Assert.Contains(problem, subscription.Problem(), StringComparison.Ordinal);

        await site.DisposeAsync();
        site = Newsroom((id, url, secret, []));
        await PublishAsync("deal", Story("The deal"));
        Assert.Empty(site.GetRequiredService<InMemoryWebhookOutbox>().Waiting(clock.Now));
        Assert.StartsWith("'post.publish' is not an event", new WebhookSubscription { Id = "p", Url = "https://p.example/", Secret = Secret, Events = ["post.publish"] }.Problem(), StringComparison.Ordinal);
    }
}
