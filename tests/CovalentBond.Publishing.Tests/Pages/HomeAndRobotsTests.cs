using System.Text;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Pages;

/// <summary>What search engines read in every page's head: a home page always described, large previews allowed.</summary>
public sealed class HomeAndRobotsTests
{
    private static PageRenderer RendererFor(string tagline, string culture = "en-US") => new(
        new SiteOptions { Name = "Covalent Bond", BaseUrl = "https://covalentbond.example", Tagline = tagline, Culture = culture, TimeZone = "Europe/Belgrade" },
        Theme.Theme.Default,
        new MarkdownRenderer());

    private static string Head(SitePage page)
    {
        var html = Encoding.UTF8.GetString(page.Content);
        return html[..html.IndexOf("</head>", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_home_page_without_a_tagline_is_described_by_its_heading_and_newest_headlines()
    {
        var home = Head(await HomePage.RenderAsync(RendererFor(""), ArticlePageTests.Latest));

        Assert.Contains("<meta name=\"description\" content=\"Covalent Bond: latest news. Tomahawk as Threat and Bluff · Diplomatic farce: Istanbul talks reach deadlock · Peace Pause on Hold\">", home, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\" content=\"Covalent Bond: latest news.", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tagline_is_the_home_pages_description_and_a_long_fallback_is_cut_at_a_word()
    {
        Assert.Contains("<meta name=\"description\" content=\"Unbiased, or trying.\">", Head(await HomePage.RenderAsync(RendererFor("Unbiased, or trying."), ArticlePageTests.Latest)), StringComparison.Ordinal);

        var long3 = Enumerable.Range(1, 3).Select(i => new PostSummary($"p{i}", $"A very long headline number {i} that goes on and on about the talks in Istanbul", "", DateTimeOffset.UnixEpoch)).ToList();
        var description = HomePage.Description(RendererFor(""), long3);
        Assert.True(description.Length <= HomePage.DescriptionLength, description);
        Assert.EndsWith("…", description, StringComparison.Ordinal);
        Assert.DoesNotContain(" …", description, StringComparison.Ordinal);

        // In the site's language, from the theme's own strings.
        Assert.StartsWith("Covalent Bond: Neueste Nachrichten.", HomePage.Description(RendererFor("", "de-DE"), ArticlePageTests.Latest), StringComparison.Ordinal);
        Assert.Equal("Covalent Bond: latest news", HomePage.Description(RendererFor(""), []));
    }

    [Fact]
    public async Task Indexable_pages_allow_large_image_previews_and_a_removed_articles_page_is_not_indexed()
    {
        var renderer = RendererFor("");
        var article = Head(await ArticlePage.RenderAsync(renderer, ArticlePageTests.Istanbul, ArticlePageTests.Latest));
        var home = Head(await HomePage.RenderAsync(renderer, ArticlePageTests.Latest));
        var removed = Head(await GonePage.RenderAsync(renderer, "istanbul-talks", ArticlePageTests.Istanbul.Date));

        Assert.Contains("<meta name=\"robots\" content=\"max-image-preview:large\">", article, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"max-image-preview:large\">", home, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("max-image-preview", removed, StringComparison.Ordinal);
    }
}
