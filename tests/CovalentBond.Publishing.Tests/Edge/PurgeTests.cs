using CovalentBond.Publishing.Edge;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CovalentBond.Publishing.Tests.Edge;

/// <summary>
/// What each change purges from the CDN: nothing for fresh news (their lifetimes are short), every file touched for a
/// withdrawal, a correction, an alias change or a change to a story past its news window; in batches of at most 100
/// addresses, tried again when throttled, and never failing the change.
/// </summary>
public sealed class PurgeTests
{
    private static readonly TimeSpan Belgrade = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Now = new(2025, 8, 20, 12, 0, 0, Belgrade);

    [Fact]
    public async Task Publishing_and_editing_fresh_news_purges_nothing()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("story", Now.AddHours(-1));
        await site.PublishAsync("story", Now.AddHours(-1), "subtitle: A typo fixed.");

        Assert.Empty(site.Edge.Calls);
    }

    [Theory]
    [InlineData("unpublish")]
    [InlineData("delete")]
    public async Task A_withdrawal_purges_the_article_and_every_list_it_left(string how)
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("story", Now.AddHours(-1));
        var withdrawal = site.Get<PostWithdrawal>();

        var result = how == "unpublish"
            ? await withdrawal.UnpublishAsync("story", EdgeNewsroom.Editor)
            : await withdrawal.DeleteAsync("story", EdgeNewsroom.Editor);

        // Every file the withdrawal wrote or removed, at each of its addresses, in one call.
        Assert.Equal(PurgePlan.AddressesOf(result!.PagesWritten), Assert.Single(site.Edge.Calls));
        Assert.Subset(site.Edge.Purged.ToHashSet(), new HashSet<string>
        {
            "/posts/story/", "/posts/story/index.html", "/", "/index.html", "/feed.xml", "/atom.xml", "/news-sitemap.xml",
            "/tags/trade/", "/tags/trade/feed.xml", "/authors/ana-author/", "/archives/2025/08/",
        });
    }

    [Fact]
    public async Task A_correction_purges_the_article_and_the_corrections_page()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("story", Now.AddHours(-1));

        await site.PublishAsync("story", Now.AddHours(-1), $"corrections:\n  - date: {Now:yyyy-MM-ddTHH:mm:sszzz}\n    text: The port was Koper.");

        Assert.Contains("/posts/story/", site.Edge.Purged);
        Assert.Contains("/corrections/", site.Edge.Purged);
        Assert.Contains("/corrections/feed.xml", site.Edge.Purged);
    }

    [Fact]
    public async Task An_alias_taken_away_is_purged_at_its_old_address()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("story", Now.AddHours(-1), "aliases: [/2019/old-story.html, /old/story/]");

        await site.PublishAsync("story", Now.AddHours(-1), "aliases: [/old/story/]");

        Assert.Contains("/2019/old-story.html", site.Edge.Purged);
        Assert.DoesNotContain("/old/story/", site.Edge.Purged);
    }

    [Fact]
    public async Task An_edit_of_a_story_past_its_news_window_purges_its_article_and_its_months_pages()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("old", new DateTimeOffset(2025, 6, 1, 9, 0, 0, Belgrade));
        Assert.Contains("/archives/2025/06/", site.Edge.Purged);

        await site.PublishAsync("old", new DateTimeOffset(2025, 6, 1, 9, 0, 0, Belgrade), "subtitle: Rewritten.");

        Assert.Equal(2, site.Edge.Calls.Count);
        Assert.Contains("/posts/old/", site.Edge.Calls[1]);
        Assert.Contains("/archives/2025/06/", site.Edge.Calls[1]);
    }

    [Fact]
    public async Task Addresses_go_in_calls_of_at_most_100_each_retried_when_throttled_and_a_refusal_fails_nothing()
    {
        var edge = new RecordingEdgePurge();
        var clock = new ManualClock(Now);
        var purger = new EdgePurger(edge, clock, NullLogger<EdgePurger>.Instance);
        var addresses = Enumerable.Range(0, 230).Select(i => $"/posts/p{i}/").ToList();

        edge.FailNext(2, asTransient: true);
        await purger.PurgeAsync(addresses, "test", CancellationToken.None);

        // Two throttled attempts of the first batch, then three batches of 100, 100 and 30.
        Assert.Equal([100, 100, 100, 100, 30], edge.Calls.Select(c => c.Count));
        Assert.Equal(addresses, edge.Purged);
        Assert.Equal(Now.AddSeconds(1 + 2), clock.Now);

        // A refusal is not tried again, and does not throw: the change stands and the lifetimes bound the staleness.
        edge.FailNext(1, asTransient: false);
        await purger.PurgeAsync(["/posts/x/"], "test", CancellationToken.None);
        Assert.Equal(6, edge.Calls.Count);

        // Throttled past the last attempt: four tries, then given up.
        edge.FailNext(10, asTransient: true);
        await purger.PurgeAsync(["/posts/y/"], "test", CancellationToken.None);
        Assert.Equal(10, edge.Calls.Count);
        Assert.DoesNotContain("/posts/y/", edge.Purged);
    }

    [Fact]
    public void Addresses_are_written_as_a_browser_requests_them()
    {
        Assert.Equal(
            ["/", "/index.html", "/%E4%BA%AC/", "/%E4%BA%AC/index.html", "/feed.xml", "/2014/12/old%20story.html"],
            PurgePlan.AddressesOf(["index.html", "京/index.html", "feed.xml", "2014/12/old story.html"]));
    }
}
