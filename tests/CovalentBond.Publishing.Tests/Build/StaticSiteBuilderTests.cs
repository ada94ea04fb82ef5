using System.Text;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Tests.Pages;

namespace CovalentBond.Publishing.Tests.Build;

public sealed class StaticSiteBuilderTests
{
    /// <summary>The fixture site is built as of this moment: after all fixture posts, before the scheduled one goes live.</summary>
    internal static readonly DateTimeOffset Now = new(2025, 7, 22, 12, 0, 0, TimeSpan.Zero);

    internal static IReadOnlyList<SourceFile> Fixtures() =>
        Directory.GetFiles(Testing.RepositoryPaths.Combine("tests", "CovalentBond.Publishing.Tests", "Fixtures", "posts"), "*.md")
            .Select(f => new SourceFile(Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToList();

    internal static StaticSiteBuilder Builder => new(new PostReader(ArticlePageTests.Site), ArticlePageTests.Renderer);

    internal static async Task<Dictionary<string, string>> BuildFixturesAsync()
    {
        var result = await Builder.BuildAsync(Fixtures(), Now);
        Assert.Empty(result.Problems);
        return result.Pages.ToDictionary(p => p.Path, p => Encoding.UTF8.GetString(p.Content));
    }

    [Theory]
    [InlineData("index.html", "home.html")]
    [InlineData("posts/cover-story/index.html", "article-cover-story.html")]
    [InlineData("tags/turkiye/index.html", "tag-turkiye.html")]
    [InlineData("feed.xml", "feed.xml")]
    [InlineData("atom.xml", "atom.xml")]
    [InlineData("tags/serbia/feed.xml", "tag-serbia-feed.xml")]
    [InlineData("sitemap.xml", "sitemap.xml")]
    public async Task Built_pages_match_their_golden_files(string path, string golden)
    {
        var pages = await BuildFixturesAsync();

        Golden.AssertMatches(golden, pages[path]);
    }

    [Fact]
    public async Task Drafts_scheduled_and_expired_posts_appear_nowhere()
    {
        var result = await Builder.BuildAsync(Fixtures(), Now);

        Assert.Equal(
            [("draft.md", PostVisibility.Draft), ("expired.md", PostVisibility.Expired), ("scheduled.md", PostVisibility.Scheduled)],
            result.NotShown.Select(n => (n.FileName, n.Visibility)).Order());
        foreach (var page in result.Pages)
        {
            var text = Encoding.UTF8.GetString(page.Content);
            Assert.DoesNotContain("Not Ready Yet", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Tomorrow", text, StringComparison.Ordinal);
            Assert.DoesNotContain("An Offer That Ended", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_scheduled_post_appears_once_its_time_has_come()
    {
        var result = await Builder.BuildAsync(Fixtures(), new DateTimeOffset(2025, 8, 1, 7, 0, 0, TimeSpan.Zero));

        Assert.Contains(result.Pages, p => p.Path == "posts/scheduled/index.html");
    }

    [Fact]
    public async Task Every_page_kind_is_built()
    {
        var pages = await BuildFixturesAsync();

        string[] expected =
        [
            "index.html", "404.html", "robots.txt", "feed.xml", "atom.xml", "sitemap.xml", "sitemaps/pages.xml",
            "sitemaps/posts-2025-05.xml", "sitemaps/posts-2025-07.xml", "news-sitemap.xml",
            "posts/istanbul-talks-reach-deadlock/index.html", "tags/index.html", "tags/turkiye/index.html",
            "tags/turkiye/feed.xml", "archives/index.html", "archives/2025/index.html",
            "archives/2025/05/index.html", "2025/05/20/istanbul-talks/index.html", "2025/07/cover/index.html",
        ];
        Assert.All(expected, path => Assert.True(pages.ContainsKey(path), path));
        Assert.Contains(pages.Keys, p => p.StartsWith("assets/site.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tag_has_one_RSS_feed_unless_Atom_is_turned_on()
    {
        var pages = await BuildFixturesAsync();
        Assert.DoesNotContain("tags/turkiye/atom.xml", pages.Keys);
        Assert.DoesNotContain("/tags/turkiye/atom.xml", pages["tags/turkiye/index.html"], StringComparison.Ordinal);

        var site = new SiteOptions { BaseUrl = ArticlePageTests.Site.BaseUrl, Name = ArticlePageTests.Site.Name, TagAtomFeeds = true };
        var withAtom = await new StaticSiteBuilder(new PostReader(site), new PageRenderer(site, Theme.Theme.Default, new MarkdownRenderer()))
            .BuildAsync(Fixtures(), Now);
        var tagPage = Encoding.UTF8.GetString(withAtom.Pages.Single(p => p.Path == "tags/turkiye/index.html").Content);
        Assert.Contains(withAtom.Pages, p => p.Path == "tags/turkiye/atom.xml");
        Assert.Contains("title=\"Covalent Bond: Türkiye (Atom)\" href=\"/tags/turkiye/atom.xml\"", tagPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tags_index_counts_posts_and_merges_spellings()
    {
        var pages = await BuildFixturesAsync();

        // "Türkiye" (two posts) and "TÜRKİYE" (one) are one tag with three posts, shown as first spelled.
        Assert.Contains("<a href=\"/tags/turkiye/\">", pages["tags/index.html"], StringComparison.Ordinal);
        Assert.Contains(">Türkiye</a> <span class=\"count\">(3)</span>", pages["tags/index.html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_redirects_to_its_post()
    {
        var pages = await BuildFixturesAsync();

        var redirect = pages["2025/07/cover/index.html"];
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0; url=https://covalentbond.example/posts/cover-story/\">", redirect, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"https://covalentbond.example/posts/cover-story/\">", redirect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_news_sitemap_lists_only_the_last_48_hours()
    {
        var pages = await BuildFixturesAsync();

        var news = pages["news-sitemap.xml"];
        Assert.Contains("<loc>https://covalentbond.example/posts/cover-story/</loc>", news, StringComparison.Ordinal);
        Assert.DoesNotContain("istanbul", news, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_sources_are_reported_with_file_and_line_and_the_rest_still_build()
    {
        var sources = Fixtures().Append(new SourceFile("broken.md", Encoding.UTF8.GetBytes("---\ntitle: Broken\ndate: soon\n---\n"))).ToList();

        var result = await Builder.BuildAsync(sources, Now);

        Assert.Equal("broken.md:3: date: 'soon' is not a date (write 2025-05-20 or 2025-05-20T09:30:00+02:00)", Assert.Single(result.Problems).ToString());
        Assert.Contains(result.Pages, p => p.Path == "posts/cover-story/index.html");
    }

    [Fact]
    public async Task Two_files_with_one_slug_are_reported_and_the_first_wins()
    {
        var post = "---\ntitle: Same\ndate: 2025-05-01\nslug: same\n---\n";
        var result = await Builder.BuildAsync([new SourceFile("a.md", Encoding.UTF8.GetBytes(post)), new SourceFile("b.md", Encoding.UTF8.GetBytes(post))], Now);

        Assert.Equal("b.md:1: slug: 'same' is already the slug of a.md", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_slug_goes_to_the_next_file_when_the_first_ones_body_does_not_render()
    {
        var broken = "---\ntitle: Broken\ndate: 2025-05-01\nslug: same\n---\n" + new string('>', 2_000) + " too deep";
        var fine = "---\ntitle: Fine\ndate: 2025-05-01\nslug: same\n---\nfine";
        var result = await Builder.BuildAsync([new SourceFile("a.md", Encoding.UTF8.GetBytes(broken)), new SourceFile("b.md", Encoding.UTF8.GetBytes(fine))], Now);

        Assert.Equal("a.md", Assert.Single(result.Problems).FileName);
        Assert.Contains("Fine", Encoding.UTF8.GetString(result.Pages.Single(p => p.Path == "posts/same/index.html").Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_into_a_sink_hands_over_every_page_once_with_the_same_bytes()
    {
        var collected = await BuildFixturesAsync();
        var sink = new RecordingSink();

        var result = await Builder.BuildAsync(Fixtures(), Now, (BuildMedia?)null, sink);

        Assert.Empty(result.Pages);
        Assert.Equal(collected.Count, result.PageCount);
        Assert.Equal(collected, sink.Pages.ToDictionary(p => p.Key, p => p.Value));
    }

    private sealed class RecordingSink : IPageSink
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Pages { get; } = new();

        public ValueTask WriteAsync(SitePage page, CancellationToken cancellationToken)
        {
            Assert.True(Pages.TryAdd(page.Path, Encoding.UTF8.GetString(page.Content)), $"{page.Path} handed over twice");
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Jekyll_and_hugo_posts_with_their_template_tags_build_pages_that_show_none_of_them()
    {
        // In the shapes of real migrated posts: Jekyll's highlight, raw, gist and site variables; Hugo's figure,
        // youtube, ref, a paired note shortcode and a {{% %}} one.
        var jekyll = "---\nlayout: post\ntitle: \"Responsive images\"\ncategories: [web]\n---\n" +
            "![Header]({{ site.baseurl }}/assets/header.jpg \"Header\")\n\n" +
            "{% highlight html %}\n<h1>{{ page.title }}</h1>\n{% endhighlight %}\n\n" +
            "In the layout: {% raw %}{{ content }}{% endraw %}. {% gist parkr/931c1c8d465a04042403 %}\n\n" +
            "Image path: {{ site.image_path }}. {% include image.html name=\"cat.jpg\" %}\n\n" +
            "See [the first part]({% post_url 2014-12-12-responsive-images-part-1 %}).\n";
        var hugo = "+++\ntitle = \"Kamera-Firmware\"\ndate = 2016-03-01T09:32:00+01:00\n+++\n" +
            "{{< figure src=\"https://example.com/kamera.jpg\" alt=\"Die Kamera\" caption=\"Die neue Firmware\" >}}\n\n" +
            "{{< youtube dQw4w9WgXcQ >}}\n\n{{< note >}}\nDas Update dauert zehn Minuten.\n{{< /note >}}\n\n" +
            "Mehr dazu {{% fig-img src=\"x.jpg\" %}} und [im letzten Jahr]({{< ref \"2015-firmware.md\" >}}).\n\n" +
            "```go\n// {{< kept in code >}}\n```\n";
        var result = await Builder.BuildAsync(
            [
                new SourceFile("2015-04-01-responsive-images.md", Encoding.UTF8.GetBytes(jekyll)),
                new SourceFile("2016-firmware.md", Encoding.UTF8.GetBytes(hugo)),
                // The posts they refer to.
                new SourceFile("2014-12-12-responsive-images-part-1.md", Encoding.UTF8.GetBytes("---\ntitle: Part 1\n---\nFirst.")),
                new SourceFile("2015-firmware.md", Encoding.UTF8.GetBytes("---\ntitle: Firmware 2015\ndate: 2015-03-01\n---\nOld.")),
            ],
            Now);

        Assert.Empty(result.Problems);
        foreach (var page in result.Pages.Where(p => p.Path.EndsWith(".html", StringComparison.Ordinal) || p.Path.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var text = System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(page.Content), "<(code|pre)[^>]*>.*?</\\1>", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline);
            foreach (var leak in new[] { "{{<", "{{%", "{%", "{{ site.", "{{ page." })
            {
                Assert.False(text.Contains(leak, StringComparison.Ordinal), $"{page.Path} shows '{leak}'");
            }
        }

        var article = Encoding.UTF8.GetString(result.Pages.Single(p => p.Path == "posts/responsive-images/index.html").Content);
        Assert.Contains("&lt;h1&gt;{{ page.title }}&lt;/h1&gt;", article, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/posts/responsive-images-part-1/\">the first part</a>", article, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/assets/header.jpg\"", article, StringComparison.Ordinal);
        var firmware = Encoding.UTF8.GetString(result.Pages.Single(p => p.Path == "posts/2016-firmware/index.html").Content);
        Assert.Contains("<figcaption>Die neue Firmware</figcaption>", firmware, StringComparison.Ordinal);
        Assert.Contains("Das Update dauert zehn Minuten.", firmware, StringComparison.Ordinal);
        Assert.Contains("// {{&lt; kept in code &gt;}}", firmware, StringComparison.Ordinal);
        Assert.Equal(
            ["2015-04-01-responsive-images.md:14: shortcode", "2015-04-01-responsive-images.md:14: shortcode", "2016-firmware.md:11: shortcode", "2016-firmware.md:13: shortcode", "2016-firmware.md:9: shortcode"],
            result.Warnings.Select(w => string.Join(':', w.ToString().Split(':').Take(3))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reference_to_a_post_that_is_not_in_the_site_is_a_problem_of_the_post_that_makes_it()
    {
        var first = "---\ntitle: First\ndate: 2025-05-01\n---\nSee [the second]({{< ref \"second.md\" >}}) and {{< relref \"second\" >}}.";
        var second = "---\ntitle: Second\ndate: 2025-05-02\n---\nBack to {% post_url 2025-05-01-first %} and on to [nowhere]({{< ref \"posts/missing-story.md\" >}}).";
        var result = await Builder.BuildAsync(
            [new SourceFile("2025-05-01-first.md", Encoding.UTF8.GetBytes(first)), new SourceFile("second.md", Encoding.UTF8.GetBytes(second))], Now);

        Assert.Equal(
            "second.md:5: shortcode: '{{< ref \"posts/missing-story.md\" >}}' refers to a post that is not in the site (no post has the slug 'missing-story')",
            Assert.Single(result.Problems).ToString());
        Assert.Contains(result.Pages, p => p.Path == "posts/first/index.html");
        Assert.DoesNotContain(result.Pages, p => p.Path == "posts/second/index.html");
    }

    [Fact]
    public async Task The_same_sources_build_the_same_bytes()
    {
        var first = await BuildFixturesAsync();
        var second = await BuildFixturesAsync();

        Assert.Equal(first, second);
    }
}
