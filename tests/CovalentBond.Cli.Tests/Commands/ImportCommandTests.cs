using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// <c>covalent import</c> on sites in the shapes real blogs come in (tests/fixtures/import), and the result through
/// <c>covalent build</c>: golden output at each step, old addresses kept, no template syntax shown to readers.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("import-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    public static TheoryData<string> Fixtures => new(ImportFixtures.All.Select(f => f.Name));

    private async Task<(string Site, CliRun Run, int Exit)> BuildAsync(string posts, string permalink)
    {
        var site = Path.Combine(work, "site");
        var settings = Path.Combine(work, "site.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new { Site = new { Name = "Migrated", BaseUrl = "https://migrated.example/", Permalink = permalink, TimeZone = "UTC" } }));
        var run = new CliRun();
        var exit = await run.RunAsync(["build", posts, "--out", site, "--site", settings, "--now", "2026-01-01T00:00:00Z"]);
        return (site, run, exit);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task An_old_site_imports_into_posts_that_build_with_its_addresses_kept_and_nothing_leaked(string name)
    {
        var fixture = ImportFixtures.Named(name);

        var (posts, exit, printed) = await ImportFixtures.ImportAsync(fixture, work);

        Assert.True(exit == 0, printed);
        GoldenFiles.AssertMatches($"tests/fixtures/import/golden/{name}-import.txt", ImportFixtures.Digest(posts));

        var (site, run, built) = await BuildAsync(posts, fixture.Permalink);
        Assert.True(built == 0, run.ErrorText);
        var pages = Directory.EnumerateFiles(site, "*.html", SearchOption.AllDirectories).ToList();
        foreach (var page in pages)
        {
            Assert.Empty(ImportFixtures.Leaks(await File.ReadAllTextAsync(page)));
        }

        // Every old address answers: the post's own page, or a redirect to it.
        var report = await File.ReadAllTextAsync(Path.Combine(posts, "import-report.txt"));
        foreach (var old in System.Text.RegularExpressions.Regex.Matches(report, @"\(old address (?<url>[^)]+)\)").Select(m => m.Groups["url"].Value))
        {
            var path = Uri.UnescapeDataString(old).TrimStart('/');
            var file = Path.Combine(site, old.EndsWith(".html", StringComparison.Ordinal) ? path : path.TrimEnd('/') + "/index.html");
            Assert.True(File.Exists(file), $"{old} has no page in the built site");
        }

        var article = pages.Single(p => p.Contains(ArticleAddress(fixture), StringComparison.Ordinal));
        GoldenFiles.AssertMatches($"tests/fixtures/import/golden/{name}-article.html", await File.ReadAllTextAsync(article));
        var files = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith('.'))
            .Order(StringComparer.Ordinal);
        GoldenFiles.AssertMatches($"tests/fixtures/import/golden/{name}-site-files.txt", string.Join('\n', files) + "\n");
    }

    /// <summary>Where the golden article lives under the fixture's Site:Permalink.</summary>
    private static string ArticleAddress(ImportFixtures.Fixture fixture)
    {
        var date = fixture.Article[..10].Split('-');
        var slug = fixture.Article[11..];
        return Path.Combine(fixture.Permalink.Replace(":year", date[0]).Replace(":month", date[1]).Replace(":day", date[2]).Replace(":slug", slug).Trim('/').Split('/'));
    }

    [Fact]
    public async Task Importing_again_writes_nothing_new_and_keeps_what_a_person_edited()
    {
        var fixture = ImportFixtures.Jekyll;
        var (posts, _, _) = await ImportFixtures.ImportAsync(fixture, work);
        var edited = Path.Combine(posts, "2016-05-02-neue-firmware", "index.md");
        var before = ImportFixtures.Digest(posts, report: false);

        var (_, again, printed) = await ImportFixtures.ImportAsync(fixture, work);

        Assert.Equal(0, again);
        Assert.Contains("files: 0 written, 6 unchanged, 0 kept", printed, StringComparison.Ordinal);
        Assert.Equal(before, ImportFixtures.Digest(posts, report: false));

        await File.AppendAllTextAsync(edited, "\nEin Nachtrag der Redaktion.\n");
        var (_, third, printedThird) = await ImportFixtures.ImportAsync(fixture, work);

        Assert.Equal(0, third);
        Assert.Contains("files: 0 written, 5 unchanged, 1 kept", printedThird, StringComparison.Ordinal);
        Assert.EndsWith("Ein Nachtrag der Redaktion.\n", await File.ReadAllTextAsync(edited), StringComparison.Ordinal);
        Assert.Contains("2016-05-02-neue-firmware/index.md was edited since the last import: kept as it is", await File.ReadAllTextAsync(Path.Combine(posts, "import-report.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_of_twenty_thousand_shortcodes_imports_with_a_bounded_report()
    {
        var body = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"[gallery ids=\"{i}\"][x{i % 50}] "));
        var export = Path.Combine(work, "export.xml");
        await File.WriteAllTextAsync(export, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><link>https://old.example</link><item><title>Many</title><link>https://old.example/2020/01/01/many/</link>
            <content:encoded><![CDATA[{body}]]></content:encoded><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
            <wp:post_name>many</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>
            """);
        var run = new CliRun();

        Assert.Equal(0, await run.RunAsync(["import", export, "--out", Path.Combine(work, "out")]));

        var report = await File.ReadAllLinesAsync(Path.Combine(work, "out", "import-report.txt"));
        Assert.InRange(report.Count(l => l.Contains("[gallery", StringComparison.Ordinal)), 1, 20);
        Assert.DoesNotContain("[gallery", await File.ReadAllTextAsync(Path.Combine(work, "out", "2020-01-01-many", "index.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_that_is_no_site_or_export_is_refused_with_what_was_expected()
    {
        var notXml = Path.Combine(work, "export.xml");
        await File.WriteAllTextAsync(notXml, "<html><body>not an export</body></html>");
        var run = new CliRun();

        Assert.Equal(2, await run.RunAsync(["import", work, "--out", Path.Combine(work, "out")]));
        Assert.Contains("neither a Jekyll site (no _posts/ folder) nor a Hugo site", run.ErrorText, StringComparison.Ordinal);

        run = new CliRun();
        Assert.Equal(2, await run.RunAsync(["import", notXml, "--out", Path.Combine(work, "out")]));
        Assert.Contains("is not a WordPress export (WXR) or an RSS or Atom feed", run.ErrorText, StringComparison.Ordinal);

        var entity = Path.Combine(work, "bomb.xml");
        await File.WriteAllTextAsync(entity, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss><channel><item><title>&b;</title></item></channel></rss>");
        run = new CliRun();
        Assert.Equal(2, await run.RunAsync(["import", entity, "--out", Path.Combine(work, "out")]));
        Assert.False(Directory.Exists(Path.Combine(work, "out")), "nothing is written for a refused source");
    }

    [Fact]
    public async Task An_import_copies_only_the_old_sites_own_files_and_names_every_link_and_hidden_file_it_refused()
    {
        // Secrets of the importing machine, outside the old site, and one inside it that the site never published.
        const string Secret = "TOP-SECRET-KEY";
        var secret = Path.Combine(work, "secret.txt");
        await File.WriteAllTextAsync(secret, Secret);
        Directory.CreateDirectory(Path.Combine(work, "outside"));
        await File.WriteAllTextAsync(Path.Combine(work, "outside", "2020-01-05-elsewhere.md"), $"---\ntitle: Elsewhere\ndate: 2020-01-05\n---\n{Secret}\n");

        var hugo = Path.Combine(work, "hugo");
        Write(hugo, "hugo.toml", "title = 'Old'\n");
        Write(hugo, "content/posts/leaky/index.md", "---\ntitle: Leaky\ndate: 2020-01-02\n---\n![a photo](photo.png)\n");
        Write(hugo, "content/posts/leaky/photo.png", "photo");
        Write(hugo, "content/posts/leaky/.env", Secret);
        File.CreateSymbolicLink(Path.Combine(hugo, "content/posts/leaky/stolen.png"), secret);
        File.CreateSymbolicLink(Path.Combine(hugo, "content/posts/linked.md"), Path.Combine(work, "outside", "2020-01-05-elsewhere.md"));
        Directory.CreateSymbolicLink(Path.Combine(hugo, "content/elsewhere"), Path.Combine(work, "outside"));
        Write(hugo, "content/posts/plain.md", "---\ntitle: Plain\ndate: 2020-01-03\n---\n![logo](/img/logo.png) ![key](/../static-private/key.png) ![ok](/img/ok.png) [home](/)\n");
        Write(hugo, "static/img/ok.png", "ok");
        File.CreateSymbolicLink(Path.Combine(hugo, "static/img/logo.png"), secret);
        Write(hugo, "static-private/key.png", Secret);

        var jekyll = Path.Combine(work, "jekyll");
        Write(jekyll, "_config.yml", "title: Old\n");
        Write(jekyll, ".env", Secret);
        Write(jekyll, "assets/ok.png", "ok");
        Write(jekyll, "_posts/2020-01-04-hello.md", "---\ntitle: Hello\n---\n[settings](/.env) ![ok](/assets/ok.png)\n");
        Directory.CreateSymbolicLink(Path.Combine(jekyll, "_drafts"), Path.Combine(work, "outside"));

        foreach (var (site, expected) in new[]
        {
            (hugo, new[]
            {
                "content/posts/leaky/stolen.png: a symbolic link (to " + secret + "), not followed",
                "content/posts/linked.md: a symbolic link",
                "content/elsewhere: a symbolic link",
                "'/img/logo.png' is a symbolic link (to " + secret + "), not followed",
                "'/../static-private/key.png' is outside static/",
            }),
            (jekyll, new[] { "'/.env' is a hidden file", "_drafts: a symbolic link (to " + Path.Combine(work, "outside") + "), not followed" }),
        })
        {
            var output = Path.Combine(work, "out-" + Path.GetFileName(site));
            var run = new CliRun();

            Assert.Equal(0, await run.RunAsync(["import", site, "--out", output]));

            var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToList();
            Assert.All(files, f => Assert.DoesNotContain(Secret, File.ReadAllText(f), StringComparison.Ordinal));
            var report = await File.ReadAllTextAsync(Path.Combine(output, "import-report.txt"));
            Assert.All(expected, line => Assert.Contains(line, report, StringComparison.Ordinal));
            Assert.DoesNotContain("'/'", report, StringComparison.Ordinal);
            // The site's own files still travel with their posts.
            Assert.Contains(files, f => f.EndsWith("ok.png", StringComparison.Ordinal));
        }

        Assert.True(File.Exists(Path.Combine(work, "out-hugo", "2020-01-02-leaky", "photo.png")));
        Assert.False(File.Exists(Path.Combine(work, "out-hugo", "2020-01-02-leaky", "stolen.png")));
    }

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
