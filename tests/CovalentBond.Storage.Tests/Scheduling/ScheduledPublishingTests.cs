using System.Text;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Scheduling;
using CovalentBond.Storage.Queues;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CovalentBond.Storage.Tests.Scheduling;

/// <summary>
/// Scheduled posts stay invisible until their time and then appear everywhere; expiring posts leave
/// every list at theirs. The clock is injected; storage, index and queue are Azurite.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class ScheduledPublishingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);
    private TestSite site = null!;

    private ScheduledPublisher Scheduler => site.Services.GetRequiredService<ScheduledPublisher>();

    public async Task InitializeAsync()
    {
        site = await TestSite.CreateAsync(azurite.ConnectionString, clock: clock);
        await PublishAsync("older", Post("Older news", "2025-05-10", "Serbia"));
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static string Post(string title, string date, string tags, string extra = "") =>
        $"---\ntitle: {title}\ndate: {date}\nauthor: Michael K.\nsubtitle: About {title}\ntags: [{tags}]\n{extra}---\nBody of {title}.\n";

    private async Task<PublishResult> PublishAsync(string slug, string text) =>
        await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(text), slug, TestCallers.Editor));

    /// <summary>Every place a reader or a reader's tool could find a post.</summary>
    private static readonly string[] Lists =
        ["index.html", "feed.xml", "atom.xml", "tags/turkiye/index.html", "tags/turkiye/feed.xml", "archives/2025/06/index.html", "sitemaps/posts-2025-06.xml", "news-sitemap.xml"];

    private async Task<List<string>> WhereListedAsync(string slug, string title)
    {
        var found = new List<string>();
        foreach (var path in Lists)
        {
            var text = await site.ReadSiteTextAsync(path);
            if (text is not null && (text.Contains($"/posts/{slug}/", StringComparison.Ordinal) || text.Contains(title, StringComparison.Ordinal)))
            {
                found.Add(path);
            }
        }

        return found;
    }

    [Fact]
    public async Task A_scheduled_post_is_invisible_before_its_time_and_fully_published_by_the_sweep_after_it()
    {
        // Ten o'clock in Belgrade is eight UTC: two hours from the start.
        var result = await PublishAsync("peace-talks", Post("Peace talks resume", "2025-06-01", "Türkiye", "publishDate: 2025-06-01T12:00:00+02:00\n"));

        Assert.Equal(PostStatus.Scheduled, result.PostStatus);
        Assert.Equal(Start.AddHours(2), result.GoesLiveAt);
        Assert.Null(await site.ReadSiteTextAsync("posts/peace-talks/index.html"));
        Assert.Empty(await WhereListedAsync("peace-talks", "Peace talks resume"));
        Assert.DoesNotContain("/tags/turkiye/", await site.ReadSiteTextAsync("tags/index.html"), StringComparison.Ordinal);

        // The queue holds its wake-up call, hidden until the time comes.
        Assert.Equal(1, (await site.ScheduleQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await site.ScheduleQueue.PeekMessagesAsync()).Value);

        clock.SetUtcNow(Start.AddHours(2).AddSeconds(-1));
        Assert.Empty(await Scheduler.SweepAsync(CancellationToken.None));
        Assert.Null(await site.ReadSiteTextAsync("posts/peace-talks/index.html"));

        clock.SetUtcNow(Start.AddHours(2).AddSeconds(30));
        var applied = Assert.Single(await Scheduler.SweepAsync(CancellationToken.None));
        Assert.Equal(PostStatus.Published, applied.PostStatus);

        Assert.Contains("Peace talks resume", await site.ReadSiteTextAsync("posts/peace-talks/index.html"), StringComparison.Ordinal);
        Assert.Equal(Lists, await WhereListedAsync("peace-talks", "Peace talks resume"));
        Assert.Contains("/tags/turkiye/", await site.ReadSiteTextAsync("tags/index.html"), StringComparison.Ordinal);

        // Nothing is due any more: a second sweep (or the queue message arriving late) writes nothing.
        var before = await site.SnapshotAsync();
        Assert.Empty(await Scheduler.SweepAsync(CancellationToken.None));
        var late = await Scheduler.HandleAsync(new ScheduledChange("peace-talks", Start.AddHours(2)), CancellationToken.None);
        Assert.Empty(late!.PagesWritten);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task The_queue_message_publishes_the_post_when_it_becomes_visible()
    {
        // Real seconds here: the message must become visible in Azurite's own time.
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        var goesLive = clock.GetUtcNow().AddSeconds(2);
        var result = await PublishAsync("dawn", Post("Dawn edition", "2025-06-01", "Türkiye", $"publishDate: {goesLive:yyyy-MM-ddTHH:mm:ssK}\n"));
        Assert.Equal(PostStatus.Scheduled, result.PostStatus);
        Assert.Empty((await site.ScheduleQueue.ReceiveMessagesAsync()).Value);

        Azure.Storage.Queues.Models.QueueMessage? message = null;
        for (var attempt = 0; attempt < 50 && message is null; attempt++)
        {
            await Task.Delay(200);
            message = (await site.ScheduleQueue.ReceiveMessageAsync()).Value;
        }

        Assert.NotNull(message);
        var change = QueueScheduleAlarms.Deserialize(message.Body.ToString());
        Assert.Equal(new ScheduledChange("dawn", new DateTimeOffset(goesLive.Year, goesLive.Month, goesLive.Day, goesLive.Hour, goesLive.Minute, goesLive.Second, TimeSpan.Zero)), change);

        // Woken before the fake clock reaches the time: it waits again, nothing is published.
        Assert.Null(await Scheduler.HandleAsync(change, CancellationToken.None));
        Assert.Null(await site.ReadSiteTextAsync("posts/dawn/index.html"));

        clock.SetUtcNow(change.At.AddSeconds(1));
        var published = await Scheduler.HandleAsync(change, CancellationToken.None);
        Assert.Equal(PostStatus.Published, published!.PostStatus);
        Assert.Contains("Dawn edition", await site.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
        Assert.Contains("Dawn edition", await site.ReadSiteTextAsync("tags/turkiye/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expiring_post_leaves_every_list_at_its_expiry_date()
    {
        var result = await PublishAsync("offer", Post("Limited offer", "2025-06-01", "Türkiye", "expiryDate: 2025-06-01T11:00:00+02:00\n"));
        Assert.Equal(PostStatus.Published, result.PostStatus);
        Assert.NotNull(await site.ReadSiteTextAsync("posts/offer/index.html"));
        Assert.Equal(Lists, await WhereListedAsync("offer", "Limited offer"));

        clock.SetUtcNow(Start.AddHours(1).AddSeconds(5));
        var expired = Assert.Single(await Scheduler.SweepAsync(CancellationToken.None));
        Assert.Equal(PostStatus.Expired, expired.PostStatus);

        Assert.Null(await site.ReadSiteTextAsync("posts/offer/index.html"));
        Assert.Empty(await WhereListedAsync("offer", "Limited offer"));
        Assert.Null(await site.ReadSiteTextAsync("tags/turkiye/index.html"));
        Assert.DoesNotContain("/tags/turkiye/", await site.ReadSiteTextAsync("tags/index.html"), StringComparison.Ordinal);
        Assert.Contains("Older news", await site.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rescheduled_post_goes_live_at_its_new_time_only()
    {
        await PublishAsync("moved-up", Post("Moved up", "2025-06-01", "Türkiye", "publishDate: 2025-06-01T14:00:00+02:00\n"));
        await PublishAsync("moved-up", Post("Moved up", "2025-06-01", "Türkiye", "publishDate: 2025-06-01T16:00:00+02:00\n"));

        // The first time has passed, but the post was moved to the second: the stale entry is dropped.
        clock.SetUtcNow(Start.AddHours(5));
        Assert.Empty(await Scheduler.SweepAsync(CancellationToken.None));
        Assert.Null(await site.ReadSiteTextAsync("posts/moved-up/index.html"));
        Assert.Single(await site.Services.GetRequiredService<IPostIndex>().DueAsync(Start.AddDays(1), 10, CancellationToken.None));

        clock.SetUtcNow(Start.AddHours(6));
        Assert.Single(await Scheduler.SweepAsync(CancellationToken.None));
        Assert.NotNull(await site.ReadSiteTextAsync("posts/moved-up/index.html"));
        Assert.Empty(await site.Services.GetRequiredService<IPostIndex>().DueAsync(Start.AddDays(1), 10, CancellationToken.None));
    }
}
