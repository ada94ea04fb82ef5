using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Edge;

/// <summary>
/// Every page family's <c>Cache-Control</c> as the stores get it from a publish: news pages short at the edge and
/// revalidated by browsers, settled pages long, hashed files immutable (the table in docs/operations.md).
/// </summary>
public sealed class CacheLifetimesTests
{
    private static readonly TimeSpan Belgrade = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Now = new(2025, 8, 20, 12, 0, 0, Belgrade);

    [Fact]
    public async Task Each_page_family_is_stored_with_the_lifetime_the_operations_table_gives_it()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("old", new DateTimeOffset(2025, 6, 1, 9, 0, 0, Belgrade));
        await site.PublishAsync("fresh", Now.AddHours(-4));

        var expected = new Dictionary<string, string>
        {
            ["index.html"] = CacheLifetimes.Fresh,
            ["feed.xml"] = CacheLifetimes.Fresh,
            ["atom.xml"] = CacheLifetimes.Fresh,
            ["news-sitemap.xml"] = CacheLifetimes.Fresh,
            ["tags/trade/index.html"] = CacheLifetimes.Fresh,
            ["tags/trade/feed.xml"] = CacheLifetimes.Fresh,
            ["tags/index.html"] = CacheLifetimes.Fresh,
            ["authors/ana-author/index.html"] = CacheLifetimes.Fresh,
            ["authors/ana-author/feed.xml"] = CacheLifetimes.Fresh,
            ["corrections/index.html"] = CacheLifetimes.Fresh,
            ["archives/index.html"] = CacheLifetimes.Fresh,
            ["archives/2025/index.html"] = CacheLifetimes.Fresh,
            ["archives/2025/08/index.html"] = CacheLifetimes.Fresh,
            ["sitemaps/posts-2025-08.xml"] = CacheLifetimes.Fresh,
            ["sitemap.xml"] = CacheLifetimes.Fresh,
            ["robots.txt"] = CacheLifetimes.Fresh,
            ["404.html"] = CacheLifetimes.Fresh,
            ["posts/fresh/index.html"] = CacheLifetimes.Fresh,
            ["posts/old/index.html"] = CacheLifetimes.Settled,
            ["archives/2025/06/index.html"] = CacheLifetimes.Settled,
            ["sitemaps/posts-2025-06.xml"] = CacheLifetimes.Settled,
            ["favicon.svg"] = CacheLifetimes.Settled,
            [Theme.Theme.Default.StylesheetPath] = CacheLifetimes.Immutable,
        };

        Assert.Equal(expected, expected.Keys.ToDictionary(p => p, p => site.CacheControlOf(p)!));
        Assert.Equal("public, max-age=0, s-maxage=30", CacheLifetimes.Fresh);
    }

    [Fact]
    public async Task An_article_settles_when_it_is_next_rendered_after_its_news_window_and_a_correction_makes_it_news_again()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.PublishAsync("story", Now.AddHours(-1));
        Assert.Equal(CacheLifetimes.Fresh, site.CacheControlOf("posts/story/index.html"));

        // Three days on, an edit renders it again: it has settled.
        site.Clock.Now = Now.AddDays(3);
        await site.PublishAsync("story", Now.AddHours(-1), "subtitle: Now with a subtitle.");
        Assert.Equal(CacheLifetimes.Settled, site.CacheControlOf("posts/story/index.html"));

        // A correction is a change readers must see soon: the article is news again for the window.
        await site.PublishAsync("story", Now.AddHours(-1), $"corrections:\n  - date: {Now.AddDays(3):yyyy-MM-ddTHH:mm:sszzz}\n    text: The port was Koper.");
        Assert.Equal(CacheLifetimes.Fresh, site.CacheControlOf("posts/story/index.html"));
    }

    [Theory]
    [InlineData(47, "Fresh")]
    [InlineData(49, "Settled")]
    public void A_month_settles_a_news_window_after_it_ends_in_the_sites_zone(int hoursAfter, string lifetime)
    {
        var site = new SiteOptions { TimeZone = "Europe/Belgrade" };
        var endOfJuly = new DateTimeOffset(2025, 8, 1, 0, 0, 0, Belgrade);

        Assert.Equal(lifetime == "Fresh" ? CacheLifetimes.Fresh : CacheLifetimes.Settled, CacheLifetimes.Month(2025, 7, site, endOfJuly.AddHours(hoursAfter)));
        Assert.Equal(lifetime == "Fresh" ? CacheLifetimes.Fresh : CacheLifetimes.Settled, CacheLifetimes.Article(endOfJuly, endOfJuly, endOfJuly.AddHours(hoursAfter)));
    }
}
