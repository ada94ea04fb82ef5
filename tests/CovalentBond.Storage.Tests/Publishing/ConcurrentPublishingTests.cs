using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Publishing;

/// <summary>
/// Many uploads at once — different posts sharing tags, and edits of one post racing each other — must
/// end in the site that some serial order of the same uploads would give.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed partial class ConcurrentPublishingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] TagNames = ["Ukraine", "Russia", "USA", "Europe", "EU", "Türkiye", "Serbia", "Balkans", "Trade", "Asia"];

    private TestSite site = null!;

    public async Task InitializeAsync() => site = await TestSite.CreateAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static string Post(string title, DateTimeOffset date, IEnumerable<string> tags) =>
        $"---\ntitle: \"{title}\"\ndate: {date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}\nauthor: Michael K.\nsubtitle: About {title}\ntags: [{string.Join(", ", tags)}]\n---\nBody of {title}.\n";

    [GeneratedRegex("<a href=\"/posts/(?<slug>[a-z0-9-]+)/\">")]
    private static partial Regex PostLinks();

    [GeneratedRegex("<link>[^<]*/posts/(?<slug>[a-z0-9-]+)/</link>")]
    private static partial Regex FeedLinks();

    [GeneratedRegex("<loc>[^<]*/posts/(?<slug>[a-z0-9-]+)/</loc>")]
    private static partial Regex SitemapPostLocs();

    [GeneratedRegex("<loc>[^<]*/sitemaps/posts-(?<month>\\d{4}-\\d{2}).xml</loc>")]
    private static partial Regex SitemapMonths();

    [Fact]
    public async Task A_hundred_concurrent_posts_and_racing_edits_give_a_site_that_matches_the_index()
    {
        var start = new DateTimeOffset(2025, 1, 3, 9, 0, 0, TimeSpan.FromHours(1));
        var uploads = Enumerable.Range(0, 100)
            .Select(i => (Slug: $"post-{i:D3}", Text: Post($"Post {i}", start.AddDays(i * 3).AddMinutes(i), new[] { i % 10, (i * 3 + 1) % 10, (i * 7 + 2) % 10 }.Distinct().Select(t => TagNames[t]))))
            .ToList();
        var edits = Enumerable.Range(0, 12)
            .Select(e => (Slug: "racing-edit", Text: Post($"Edit {e}", start.AddDays(e * 20), [TagNames[e % 10], TagNames[(e + 4) % 10]])))
            .ToList();
        var all = uploads.Concat(edits).OrderBy(_ => Random.Shared.Next()).ToList();

        var results = await Task.WhenAll(all.Select(u =>
            Task.Run(() => site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(u.Text), u.Slug, TestCallers.Editor)))));
        Assert.All(results, r => Assert.NotEqual(PublishStatus.Invalid, r.Status));

        await AssertSiteMatchesIndexAsync(expectedPosts: 101);
    }

    /// <summary>Everything a reader can reach lists exactly what the index says, and the index holds exactly the sources.</summary>
    private async Task AssertSiteMatchesIndexAsync(int expectedPosts)
    {
        var index = site.Services.GetRequiredService<IPostIndex>();
        var records = new List<PostRecord>();
        await foreach (var record in index.AllAsync(default))
        {
            records.Add(record);
        }

        // The index holds exactly the sources, and each record is its source's current content.
        var sources = new Dictionary<string, string>();
        await foreach (var blob in site.Sources.GetBlobsAsync())
        {
            var bytes = (await site.Sources.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            sources[blob.Name] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        Assert.Equal(expectedPosts, records.Count);
        Assert.Equal(sources.Keys.Order(), records.Select(r => r.SourceName).Order());
        Assert.All(records, r => Assert.Equal(sources[r.SourceName], r.ContentHash));

        var published = records.Where(r => r.IsListed)
            .OrderByDescending(r => r.Date.UtcTicks).ThenBy(r => r.Slug, StringComparer.Ordinal)
            .ToList();
        var options = site.Services.GetRequiredService<CovalentBond.Publishing.Site.SiteOptions>();

        // Home and the site feeds: the newest posts.
        var newest = published.Take(options.LatestCount).Select(r => r.Slug).ToList();
        Assert.Equal(newest, Slugs(PostLinks(), await ReadAsync("index.html")));
        Assert.Equal(newest, Slugs(FeedLinks(), await ReadAsync("feed.xml")));

        // Every tag page and tag feed, and the tags index counts.
        var tagsIndex = await ReadAsync("tags/index.html");
        foreach (var group in published.SelectMany(r => r.Tags.Select(t => (t.Slug, r))).GroupBy(x => x.Slug))
        {
            var tagged = group.Select(x => x.r.Slug).ToList();
            Assert.Equal(tagged.Take(options.TagPageSize), Slugs(PostLinks(), await ReadAsync($"tags/{group.Key}/index.html")));
            Assert.Equal(tagged.Take(options.LatestCount), Slugs(FeedLinks(), await ReadAsync($"tags/{group.Key}/feed.xml")));
            Assert.Matches($"<a href=\"/tags/{group.Key}/\">[^<]+</a> <span class=\"count\">\\({tagged.Count}\\)</span>", tagsIndex);
        }

        // Every page of a post that is not published is gone, every published post has its page.
        foreach (var record in records)
        {
            var page = await site.ReadSiteTextAsync($"posts/{record.Slug}/index.html");
            Assert.True(record.IsListed == (page is not null), record.Slug);
            if (page is not null)
            {
                Assert.Contains($"<h1>{record.Title}</h1>", page, StringComparison.Ordinal);
            }
        }

        // Sitemaps: one per month with posts, each listing exactly that month's posts.
        var byMonth = published.GroupBy(r => options.ToLocal(r.Date).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Select(r => r.Slug).Order().ToList());
        var sitemapIndex = await ReadAsync("sitemap.xml");
        Assert.Equal(byMonth.Keys.Order(), SitemapMonths().Matches(sitemapIndex).Select(m => m.Groups["month"].Value).Order());
        foreach (var (month, slugs) in byMonth)
        {
            Assert.Equal(slugs, Slugs(SitemapPostLocs(), await ReadAsync($"sitemaps/posts-{month}.xml")).Order());
        }
    }

    private async Task<string> ReadAsync(string path) =>
        await site.ReadSiteTextAsync(path) ?? throw new Xunit.Sdk.XunitException($"{path} is missing");

    private static List<string> Slugs(Regex links, string text) =>
        links.Matches(text).Select(m => m.Groups["slug"].Value).ToList();
}
