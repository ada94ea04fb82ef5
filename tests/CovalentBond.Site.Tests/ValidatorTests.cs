using System.Text.Json;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Pages;
using CovalentBond.Testing;

namespace CovalentBond.Site.Tests;

[Trait("Category", "Tools")]
[Collection(BuiltSiteTests.Name)]
public sealed partial class ValidatorTests(BuiltSite site)
{
    [Fact]
    public async Task Every_page_kind_passes_the_Nu_HTML_checker()
    {
        var pages = site.Files("*.html").ToList();
        string[] kinds = ["index.html", "404.html", "posts/", "tags/index.html", "tags/turkiye/", "archives/index.html", "archives/2025/index.html", "archives/2025/05/", "2025/05/20/istanbul-talks/", "authors/michael-k/index.html", "authors/michael-k/page/1/", "corrections/index.html", "posts/special-terms/"];
        Assert.All(kinds, kind => Assert.Contains(pages, p => Path.GetRelativePath(site.Folder, p).StartsWith(kind, StringComparison.Ordinal)));

        var errors = await NuChecker.ErrorsAsync(pages, site.Folder);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_site_and_tag_feeds_parse_with_a_real_feed_parser()
    {
        string[] feeds = ["feed.xml", "atom.xml", "tags/turkiye/feed.xml", "tags/turkiye/atom.xml", "authors/michael-k/feed.xml", "corrections/feed.xml"];
        const string script = """
            import feedparser, json, sys
            out = []
            for path in sys.argv[1:]:
                d = feedparser.parse(open(path, 'rb').read())
                out.append({'path': path, 'version': d.version, 'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')),
                            'title': d.feed.get('title'), 'entries': [{'title': e.title, 'link': e.link} for e in d.entries]})
            print(json.dumps(out))
            """;
        var result = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", script, .. feeds.Select(f => Path.Combine(site.Folder, f))]);
        Assert.True(result.ExitCode == 0, result.Error);

        using var parsed = JsonDocument.Parse(result.Output);
        var byPath = parsed.RootElement.EnumerateArray().ToDictionary(f => Path.GetRelativePath(site.Folder, f.GetProperty("path").GetString()!));
        foreach (var (path, feed) in byPath)
        {
            Assert.False(feed.GetProperty("bozo").GetBoolean(), $"{path}: {feed.GetProperty("error").GetString()}");
        }

        Assert.Equal("rss20", byPath["feed.xml"].GetProperty("version").GetString());
        Assert.Equal("atom10", byPath["atom.xml"].GetProperty("version").GetString());
        Assert.Equal(Directory.GetFiles(RepositoryPaths.Combine("samples", "posts"), "*.md", SearchOption.AllDirectories).Length, byPath["feed.xml"].GetProperty("entries").GetArrayLength());

        // The corrections feed holds the sample's one correction, linking to it on its article.
        var correction = Assert.Single(byPath["corrections/feed.xml"].GetProperty("entries").EnumerateArray().ToList());
        Assert.Equal("Correction to “Special Terms”", correction.GetProperty("title").GetString());
        Assert.EndsWith("/posts/special-terms/#corrections", correction.GetProperty("link").GetString(), StringComparison.Ordinal);

        // The Türkiye feed holds exactly the samples tagged Türkiye, and their links are real pages.
        var tagged = byPath["tags/turkiye/feed.xml"].GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Diplomatic farce: Istanbul talks reach deadlock", "Peace Pause on Hold"], tagged);
        foreach (var entry in byPath["tags/turkiye/atom.xml"].GetProperty("entries").EnumerateArray())
        {
            var path = new Uri(entry.GetProperty("link").GetString()!).AbsolutePath;
            Assert.True(File.Exists(Path.Combine(site.Folder, SitePaths.FileForRequest(path)!)), path);
        }
    }

    [Fact]
    public async Task The_sitemaps_validate_against_the_sitemaps_org_schema()
    {
        var urlsetSchema = RepositoryPaths.Combine("node_modules", "sitemap", "schema", "sitemap.xsd");
        var indexSchema = Path.Combine(AppContext.BaseDirectory, "Schemas", "siteindex.xsd");
        var monthly = site.Files("*.xml").Where(f => f.Contains("/sitemaps/", StringComparison.Ordinal)).ToList();
        Assert.Contains(monthly, f => f.EndsWith("posts-2025-05.xml", StringComparison.Ordinal));

        var urlsets = await ExternalTool.RunAsync("xmllint", ["--noout", "--schema", urlsetSchema, .. monthly]);
        Assert.True(urlsets.ExitCode == 0, urlsets.Error);
        var index = await ExternalTool.RunAsync("xmllint", ["--noout", "--schema", indexSchema, Path.Combine(site.Folder, "sitemap.xml")]);
        Assert.True(index.ExitCode == 0, index.Error);

        // The index lists every monthly sitemap, each with a real lastmod.
        var indexText = await File.ReadAllTextAsync(Path.Combine(site.Folder, "sitemap.xml"));
        foreach (var file in monthly)
        {
            Assert.Contains("/sitemaps/" + Path.GetFileName(file) + "</loc>", indexText, StringComparison.Ordinal);
        }

        Assert.Contains("<lastmod>2025-10-15T22:00:00Z</lastmod>", indexText, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+)\"")]
    private static partial Regex Links();

    [Fact]
    public async Task No_internal_link_is_broken()
    {
        var broken = new List<string>();
        var baseUrl = new Uri("http://localhost:8080/");
        foreach (var page in site.Files("*.html"))
        {
            var html = await File.ReadAllTextAsync(page);
            foreach (Match match in Links().Matches(html))
            {
                var url = System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value);
                var absolute = new Uri(baseUrl, url);
                if (absolute.Host != baseUrl.Host || absolute.Scheme is not ("http" or "https"))
                {
                    continue;
                }

                var file = SitePaths.FileForRequest(absolute.AbsolutePath);
                if (file is null || !File.Exists(Path.Combine(site.Folder, file)))
                {
                    broken.Add($"{Path.GetRelativePath(site.Folder, page)} → {url}");
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }
}
