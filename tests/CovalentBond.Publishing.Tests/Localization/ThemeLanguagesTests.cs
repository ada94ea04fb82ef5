using System.Globalization;
using System.Text;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Localization;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Tests.Build;
using CovalentBond.Publishing.Tests.Pages;

namespace CovalentBond.Publishing.Tests.Localization;

/// <summary>The default theme in the site's language: every fixed word from its language file, counts in the language's plural forms.</summary>
public sealed class ThemeLanguagesTests
{
    private static async Task<Dictionary<string, string>> BuildInAsync(string culture, Theme.Theme? theme = null)
    {
        var site = new Site.SiteOptions
        {
            Name = ArticlePageTests.Site.Name,
            BaseUrl = ArticlePageTests.Site.BaseUrl,
            Tagline = ArticlePageTests.Site.Tagline,
            Copyright = ArticlePageTests.Site.Copyright,
            FooterSections = ArticlePageTests.Site.FooterSections,
            TimeZone = ArticlePageTests.Site.TimeZone,
            Culture = culture,
            DateFormat = "d MMMM yyyy",
        };
        var builder = new StaticSiteBuilder(new PostReader(site), new PageRenderer(site, theme ?? Theme.Theme.Default, new MarkdownRenderer()));
        var result = await builder.BuildAsync(StaticSiteBuilderTests.Fixtures(), StaticSiteBuilderTests.Now);
        Assert.Empty(result.Problems);
        return result.Pages.ToDictionary(p => p.Path, p => Encoding.UTF8.GetString(p.Content));
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("tr-TR", "tr")]
    [InlineData("uk-UA", "uk")]
    [InlineData("ja-JP", "ja")]
    public async Task An_article_and_a_tag_page_match_their_golden_files_in_the_language(string culture, string language)
    {
        var pages = await BuildInAsync(culture);

        Golden.AssertMatches($"article-cover-story.{language}.html", pages["posts/cover-story/index.html"]);
        Golden.AssertMatches($"tag-turkiye.{language}.html", pages["tags/turkiye/index.html"]);
    }

    [Fact]
    public async Task Every_language_of_the_default_theme_leaves_no_english_word_on_its_pages()
    {
        foreach (var language in ThemeStrings.DefaultLanguages.Where(l => l != "en"))
        {
            var pages = await BuildInAsync(language);
            var home = pages["index.html"];
            var strings = Theme.Theme.Default.Strings(CultureInfo.GetCultureInfo(language));

            Assert.Contains($"<html lang=\"{language}\">", home, StringComparison.Ordinal);
            Assert.Contains($">{strings.Text("latest_news")}</h2>", home, StringComparison.Ordinal);
            // English words where the language has its own (French says "Archives" too).
            var english = Theme.Theme.Default.Strings(CultureInfo.GetCultureInfo("en"));
            string[] keys = ["latest_news", "skip_to_content", "tags", "archives", "all_archives", "not_found_title", "by", "rss_feed"];
            var leaks = keys.Where(k => strings.Text(k) != english.Text(k)).Select(k => $">{english.Text(k)}<")
                .Concat([" min read<", " tagged “"]).ToList();
            foreach (var (path, html) in pages.Where(p => p.Key.EndsWith(".html", StringComparison.Ordinal)))
            {
                foreach (var leak in leaks)
                {
                    Assert.False(html.Contains(leak, StringComparison.Ordinal), $"{language} {path} shows '{leak}'");
                }
            }
        }
    }

    [Theory]
    [InlineData("uk", 1, "1 допис")]
    [InlineData("uk", 2, "2 дописи")]
    [InlineData("uk", 5, "5 дописів")]
    [InlineData("uk", 11, "11 дописів")]
    [InlineData("uk", 21, "21 допис")]
    [InlineData("uk", 24, "24 дописи")]
    [InlineData("uk", 112, "112 дописів")]
    [InlineData("pl", 1, "1 wpis")]
    [InlineData("pl", 3, "3 wpisy")]
    [InlineData("pl", 12, "12 wpisów")]
    [InlineData("pl", 22, "22 wpisy")]
    [InlineData("ru", 1, "1 запись")]
    [InlineData("ru", 3, "3 записи")]
    [InlineData("ru", 15, "15 записей")]
    [InlineData("fr", 0, "0 article")]
    [InlineData("fr", 2, "2 articles")]
    [InlineData("de", 1, "1 Beitrag")]
    [InlineData("de", 7, "7 Beiträge")]
    [InlineData("tr", 7, "7 yazı")]
    [InlineData("ja", 7, "7件の記事")]
    [InlineData("en", 1, "1 post")]
    [InlineData("en", 0, "0 posts")]
    public void A_count_takes_the_plural_form_of_its_language(string language, int count, string expected)
    {
        Assert.Equal(expected, Theme.Theme.Default.Strings(CultureInfo.GetCultureInfo(language)).Text("posts_count", count));
    }

    [Fact]
    public async Task A_theme_folder_can_replace_a_word_or_add_a_language()
    {
        var folder = Directory.CreateTempSubdirectory("theme-strings-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "strings.de.json"), "{ \"latest_news\": \"Aktuelles\" }");
            await File.WriteAllTextAsync(Path.Combine(folder, "strings.nl.json"), "{ \"latest_news\": \"Laatste nieuws\", \"posts_count\": { \"one\": \"{0} bericht\", \"other\": \"{0} berichten\" } }");
            var theme = Theme.Theme.FromFolder(folder);

            var german = await BuildInAsync("de-DE", theme);
            var dutch = await BuildInAsync("nl-NL", theme);

            Assert.Contains(">Aktuelles</h2>", german["index.html"], StringComparison.Ordinal);
            Assert.Contains(">Schlagwörter<", german["index.html"], StringComparison.Ordinal);
            Assert.Contains(">Laatste nieuws</h2>", dutch["index.html"], StringComparison.Ordinal);
            // A key the language file lacks comes from English.
            Assert.Contains(">Skip to content<", dutch["index.html"], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_broken_language_file_is_named_when_the_theme_loads()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Theme.Theme.Default.WithOverrides(new Dictionary<string, string> { ["strings.de.json"] = "{ \"latest_news\": " }));

        Assert.StartsWith("The theme file 'strings.de.json' is not valid JSON", ex.Message, StringComparison.Ordinal);
    }
}
