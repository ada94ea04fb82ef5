using System.Text;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Pages;

/// <summary>Site:Permalink: a migrated site keeps its addresses, and posts that share a title in different years both stay.</summary>
public sealed class PermalinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static StaticSiteBuilder BuilderFor(string permalink)
    {
        var site = new SiteOptions { Name = "Test", BaseUrl = "https://news.example/", Permalink = permalink, TimeZone = "Europe/Berlin" };
        return new StaticSiteBuilder(new PostReader(site), new PageRenderer(site, Theme.Theme.Default, new MarkdownRenderer(site)));
    }

    private static SourceFile Source(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static readonly SourceFile[] YearlyTitles =
    [
        Source("2015/neue-firmware.md", "---\ntitle: Neue Firmware\ndate: 2015-03-02\n---\nVersion 1.\n"),
        Source("2016/neue-firmware.md", "---\ntitle: Neue Firmware\ndate: 2016-04-09\n---\nVersion 2.\n"),
    ];

    [Theory]
    [InlineData("/posts/:slug/", "x", "/posts/x/", "posts/x/index.html")]
    [InlineData("/:year/:month/:slug/", "2015-11-x", "/2015/11/x/", "2015/11/x/index.html")]
    [InlineData("/blog/:year/:month/:day/:slug.html", "2015-11-08-x", "/blog/2015/11/08/x.html", "blog/2015/11/08/x.html")]
    [InlineData("/:year/:title/", "2015-x", "/2015/x/", "2015/x/index.html")]
    public void A_pattern_gives_each_key_its_address_and_file(string pattern, string key, string url, string file)
    {
        var permalink = Permalink.Parse(pattern);

        Assert.Equal(key, permalink.KeyOf("x", new DateTimeOffset(2015, 11, 8, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(url, permalink.Url(key));
        Assert.Equal(file, permalink.File(key));
        Assert.Equal(key, permalink.KeyOfUrl(url));
        Assert.Equal("x", permalink.SlugOf(key));
    }

    [Theory]
    [InlineData("/posts/:year/", ":slug once")]
    [InlineData("/:month/:slug/", ":month needs :year")]
    [InlineData("posts/:slug/", "must start with /")]
    [InlineData("/posts/:slug", "end with /")]
    [InlineData("/:year:slug/", "something between two tokens")]
    [InlineData("/:category/:slug/", "':category' is not known")]
    [InlineData("/tags/:slug/", "/tags/ holds pages the site writes itself")]
    public void A_pattern_that_cannot_work_is_refused_with_the_reason(string pattern, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Permalink.Parse(pattern));

        Assert.Contains("Site:Permalink", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_of_the_same_title_in_different_years_both_get_pages_under_a_dated_pattern()
    {
        var result = await BuilderFor("/:year/:month/:slug/").BuildAsync(YearlyTitles, Now);

        Assert.Empty(result.Problems);
        var pages = result.Pages.ToDictionary(p => p.Path, p => Encoding.UTF8.GetString(p.Content));
        Assert.Contains("Version 1.", pages["2015/03/neue-firmware/index.html"], StringComparison.Ordinal);
        Assert.Contains("Version 2.", pages["2016/04/neue-firmware/index.html"], StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"https://news.example/2016/04/neue-firmware/\"", pages["2016/04/neue-firmware/index.html"], StringComparison.Ordinal);
        Assert.Contains("href=\"/2015/03/neue-firmware/\"", pages["index.html"], StringComparison.Ordinal);
        Assert.Contains("https://news.example/2016/04/neue-firmware/", pages["feed.xml"], StringComparison.Ordinal);
        Assert.DoesNotContain(pages.Keys, p => p.StartsWith("posts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_the_default_pattern_the_same_address_is_claimed_twice_and_the_second_is_refused()
    {
        var result = await BuilderFor("/posts/:slug/").BuildAsync(YearlyTitles, Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("2016/neue-firmware.md", problem.FileName);
        Assert.Contains("'neue-firmware' is already the slug of 2015/neue-firmware.md", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Jekyll_address_with_html_keeps_the_old_urls_and_the_date_is_the_sites_day()
    {
        // 23:30 UTC on 7 November is 8 November in Berlin, as the old site showed it.
        var post = Source("_posts/2015-11-08-camera.md", "---\ntitle: Camera\ndate: 2015-11-07T23:30:00Z\naliases: [\"2014/12/12/camera.html\", /blog/camera-old.html]\n---\nSee {% post_url 2015-11-08-camera %}.\n");

        var result = await BuilderFor("/blog/:year/:month/:day/:slug.html").BuildAsync([post], Now);

        Assert.Empty(result.Problems);
        var pages = result.Pages.ToDictionary(p => p.Path, p => Encoding.UTF8.GetString(p.Content));
        Assert.Contains("href=\"/blog/2015/11/08/camera.html\"", pages["blog/2015/11/08/camera.html"], StringComparison.Ordinal);
        // A relative alias is resolved against the articles' section (/blog/), as Hugo resolves one against the page's section.
        Assert.Contains("https://news.example/blog/2015/11/08/camera.html", pages["blog/2014/12/12/camera.html"], StringComparison.Ordinal);
        Assert.Contains("https://news.example/blog/2015/11/08/camera.html", pages["blog/camera-old.html"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_of_the_http_api_must_be_the_posts_key()
    {
        var site = new SiteOptions { Permalink = "/:year/:month/:slug/" };
        var reader = new PostReader(site);
        var text = "---\ntitle: Camera\ndate: 2015-11-07\n---\nBody\n"u8.ToArray();

        Assert.Equal("2015-11-camera", reader.Read(text, null, "2015-11-camera").Post!.Slug);
        var wrong = reader.Read(text, null, "2016-01-camera");
        Assert.Contains(wrong.Problems, p => p.Field == "date" && p.Message.Contains("'2015-11-camera'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_after_the_pattern_changed_leaves_a_redirect_at_each_old_address()
    {
        var sink = new RememberingSink(Permalink.Parse("/posts/:slug/"));

        await BuilderFor("/:year/:month/:slug/").BuildAsync([YearlyTitles[0]], Now, (BuildMedia?)null, sink);

        Assert.Contains("2015/03/neue-firmware/index.html", sink.Pages.Keys);
        Assert.Contains("url=https://news.example/2015/03/neue-firmware/", sink.Pages["posts/neue-firmware/index.html"], StringComparison.Ordinal);
    }

    private sealed class RememberingSink(Permalink previous) : IPageSink
    {
        public Dictionary<string, string> Pages { get; } = [];

        public Permalink? PreviousArticles => previous;

        public ValueTask WriteAsync(SitePage page, CancellationToken cancellationToken)
        {
            lock (Pages)
            {
                Pages[page.Path] = Encoding.UTF8.GetString(page.Content);
            }

            return ValueTask.CompletedTask;
        }
    }
}
