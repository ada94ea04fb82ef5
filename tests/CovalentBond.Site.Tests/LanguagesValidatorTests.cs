using System.Text.Json.Nodes;
using CovalentBond.Cli;
using CovalentBond.Publishing.Localization;
using CovalentBond.Testing;

namespace CovalentBond.Site.Tests;

/// <summary>The sample site built in each language of the default theme: every page passes the Nu HTML checker.</summary>
[Trait("Category", "Tools")]
public sealed class LanguagesValidatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("covalent-languages-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Every_page_in_every_language_passes_the_Nu_HTML_checker()
    {
        var cultures = new Dictionary<string, string>
        {
            ["en"] = "en-GB",
            ["de"] = "de-DE",
            ["fr"] = "fr-FR",
            ["es"] = "es-ES",
            ["it"] = "it-IT",
            ["pt"] = "pt-PT",
            ["pl"] = "pl-PL",
            ["tr"] = "tr-TR",
            ["uk"] = "uk-UA",
            ["ru"] = "ru-RU",
            ["ja"] = "ja-JP",
            ["zh"] = "zh-CN",
        };
        Assert.Equal(ThemeStrings.DefaultLanguages.Order(), cultures.Keys.Order());
        // An author with a profile of every field, and pages of three posts: their photo, links and pager in every language.
        var authors = Directory.CreateDirectory(Path.Combine(root, "authors")).FullName;
        await File.WriteAllTextAsync(Path.Combine(authors, "michael.json"), """
            { "name": "Michael K.", "bio": "Covers the war & the talks.", "photo": "https://images.example/michael.jpg",
              "links": [ { "title": "Mastodon", "url": "https://mastodon.example/@michael" }, { "title": "Newsletter", "url": "https://news.example/" } ] }
            """);
        var pages = new List<string>();
        foreach (var (language, culture) in cultures)
        {
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("samples", "site.json")))!;
            settings["Site"]!["Culture"] = culture;
            settings["Site"]!["TagPageSize"] = 3;
            var siteFile = Path.Combine(root, $"site.{language}.json");
            await File.WriteAllTextAsync(siteFile, settings.ToJsonString());
            var output = Path.Combine(root, language);
            var error = new StringWriter();
            var exit = await CliApp.RunAsync(
                ["build", RepositoryPaths.Combine("samples", "posts"), "--out", output, "--site", siteFile, "--authors", authors, "--now", BuiltSite.Now], new StringWriter(), error);
            Assert.True(exit == 0, $"{language}: {error}");
            Assert.Contains($"<html lang=\"{language}\">", await File.ReadAllTextAsync(Path.Combine(output, "index.html")), StringComparison.Ordinal);
            Assert.Contains("rel=\"next\"", await File.ReadAllTextAsync(Path.Combine(output, "authors", "michael-k", "page", "2", "index.html")), StringComparison.Ordinal);
            pages.AddRange(Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories));
        }

        var errors = await NuChecker.ErrorsAsync(pages, root);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(30)));
        Assert.True(pages.Count > 12 * 20, $"only {pages.Count} pages checked");
    }
}
