using System.Text;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Pages;

public sealed class ArticlePageTests
{
    internal static readonly SiteOptions Site = new()
    {
        Name = "Covalent Bond",
        BaseUrl = "https://covalentbond.example",
        Tagline = "Your humble servant tries to be as unbiased an analyst as possible.",
        Copyright = "© 2025 by COVALENT BOND",
        FooterSections = ["Journalism (Independent)", "Commentary"],
        TimeZone = "Europe/Belgrade",
    };

    internal static PageRenderer Renderer => new(Site, Theme.Theme.Default, new MarkdownRenderer());

    internal static Post Istanbul => new PostReader(Site).Read(Encoding.UTF8.GetBytes("""
        ---
        title: "Diplomatic farce: Istanbul talks reach deadlock"
        date: 2025-05-20
        author: Michael K.
        subtitle: Despite Trump's calls with Putin, Zelensky and EU leaders, there is no agreement.
        tags: [Ukraine, Russia, Türkiye]
        ---
        On May 20, 2025, negotiations between Russia and Ukraine "once again" reached a dead end --
        [Reuters](https://www.reuters.com/) reports.

        Possible developments:

        - The Kremlin may offer extended humanitarian concessions.
        - The EU and the U.S. will need to assess the new sanctions package.

        <script>alert('raw script is removed')</script>
        """), "2025-05-20-istanbul-talks.md").Post!;

    internal static IReadOnlyList<PostSummary> Latest =>
    [
        new("tomahawk", "Tomahawk as Threat and Bluff", "Politics likes to speak in the language of iron.", new DateTimeOffset(2025, 10, 16, 0, 0, 0, TimeSpan.FromHours(2))),
        new("istanbul-talks", "Diplomatic farce: Istanbul talks reach deadlock", "Despite…", new DateTimeOffset(2025, 5, 20, 0, 0, 0, TimeSpan.FromHours(2))),
        new("peace-pause", "Peace Pause on Hold", "The “1000 for 1000” exchange & <more>", new DateTimeOffset(2025, 5, 17, 0, 0, 0, TimeSpan.FromHours(2))),
    ];

    [Fact]
    public async Task The_article_page_matches_its_golden_file()
    {
        var page = await ArticlePage.RenderAsync(Renderer, Istanbul, Latest);

        Assert.Equal("posts/istanbul-talks/index.html", page.Path);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Golden.AssertMatches("article.html", Encoding.UTF8.GetString(page.Content));
    }

    [Fact]
    public async Task The_article_shows_its_parts_in_the_reference_order()
    {
        var html = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(Renderer, Istanbul, Latest)).Content);

        string[] inOrder =
        [
            "<header class=\"site-header\">",
            "<h1>Diplomatic farce: Istanbul talks reach deadlock</h1>",
            ">5/20/25</time>",
            "By: <a class=\"author\" href=\"/authors/michael-k/\" rel=\"author\">Michael K.</a>",
            "Despite Trump&#x27;s calls with Putin",
            "<a href=\"/tags/turkiye/\" rel=\"tag\">Türkiye</a>",
            "On May 20, 2025",
            "Latest news",
            ">Tomahawk as Threat and Bluff</a>",
            "<footer class=\"site-footer\">",
            "Journalism (Independent)",
            "© 2025 by COVALENT BOND",
        ];
        var position = 0;
        foreach (var part in inOrder)
        {
            var found = html.IndexOf(part, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' not found after position {position}");
            position = found;
        }
    }

    [Fact]
    public async Task The_article_is_not_listed_in_its_own_latest_news()
    {
        var html = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(Renderer, Istanbul, Latest)).Content);

        Assert.DoesNotContain("href=\"/posts/istanbul-talks/\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/posts/peace-pause/\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_script_is_removed_and_list_text_is_escaped()
    {
        var html = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(Renderer, Istanbul, Latest)).Content);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("raw script is removed", html, StringComparison.Ordinal);
        Assert.Contains("&amp; &lt;more&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_lists_the_latest_news_newest_first()
    {
        var html = Encoding.UTF8.GetString((await HomePage.RenderAsync(Renderer, Latest)).Content);

        var tomahawk = html.IndexOf("Tomahawk as Threat", StringComparison.Ordinal);
        var istanbul = html.IndexOf("Istanbul talks reach deadlock", StringComparison.Ordinal);
        var peace = html.IndexOf("Peace Pause on Hold", StringComparison.Ordinal);
        Assert.True(tomahawk > 0 && tomahawk < istanbul && istanbul < peace, html);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/site.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stylesheet_is_named_by_its_content()
    {
        var css = Renderer.Stylesheet();

        Assert.Matches("^assets/site\\.[0-9a-f]{12}\\.css$", css.Path);
        Assert.Equal(SitePage.ImmutableCacheControl, css.CacheControl);
    }

    [Fact]
    public async Task Reading_time_counts_characters_for_japanese_text_and_words_for_the_rest()
    {
        // 2,021 characters of Japanese (issue 11: this said "1 min"), and an English post of 660 words.
        var japanese = string.Concat(Enumerable.Repeat("東京の夜は静かで、", 224)) + "終わりだ。";
        var english = string.Join(' ', Enumerable.Repeat("word", 660));
        var reader = new PostReader(Site);
        var ja = reader.Read(Encoding.UTF8.GetBytes($"---\ntitle: 東京\ndate: 2025-05-20\n---\n{japanese}\n")).Post!;
        var en = reader.Read(Encoding.UTF8.GetBytes($"---\ntitle: Words\ndate: 2025-05-20\n---\n{english}\n")).Post!;

        var jaPage = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(Renderer, ja, [])).Content);
        var enPage = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(Renderer, en, [])).Content);

        Assert.Equal(2_021, japanese.Length);
        Assert.Contains("<span class=\"reading-time\">5 min read</span>", jaPage, StringComparison.Ordinal);
        Assert.Contains("<span class=\"reading-time\">3 min read</span>", enPage, StringComparison.Ordinal);
    }
}
