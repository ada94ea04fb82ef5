using CovalentBond.Functions.Http;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using CovalentBond.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests.Http;

/// <summary>
/// Sites in the shapes real blogs come in (tests/fixtures/import), imported by <c>covalent import</c> and sent
/// through the HTTP API as an author's tool would: each post to <c>PUT /api/posts/{key}</c>, each picture beside it
/// to <c>PUT /api/posts/{key}/media/{file}</c>. The pages in the site container are checked against golden files.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class ImportedSitesFunctionsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("import-http-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    public static TheoryData<string> Fixtures => new(ImportFixtures.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task An_imported_site_published_over_http_shows_its_posts_at_their_old_addresses_without_template_syntax(string name)
    {
        var fixture = ImportFixtures.Named(name);
        var (posts, exit, printed) = await ImportFixtures.ImportAsync(fixture, work);
        Assert.True(exit == 0, printed);
        await using var host = FunctionsTestHost.Create(azurite.ConnectionString, settings: new Dictionary<string, string?> { ["Site:Permalink"] = fixture.Permalink });
        var site = host.Services.GetRequiredService<SiteOptions>();
        var reader = host.Services.GetRequiredService<PostReader>();

        string? article = null;
        foreach (var bundle in Directory.EnumerateDirectories(posts).Order(StringComparer.Ordinal))
        {
            var source = await File.ReadAllBytesAsync(Path.Combine(bundle, "index.md"));
            var post = reader.Read(source, $"{Path.GetFileName(bundle)}/index.md").Post!;
            var answer = await host.PutAsync(post.Slug, source);
            Assert.True(answer.StatusCode is 200 or 201, answer.Content);
            foreach (var file in Directory.EnumerateFiles(bundle).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var media = Assert.IsType<ContentResult>(await host.Function<PublishMediaFunctions>().PostMediaAsync(
                    Uploads.PutRequest($"/api/posts/{post.Slug}/media/{Path.GetFileName(file)}", await File.ReadAllBytesAsync(file)), post.Slug, Path.GetFileName(file), CancellationToken.None));
                Assert.True(media.StatusCode == 200, media.Content);
            }

            if (Path.GetFileName(bundle) == fixture.Article)
            {
                article = site.ArticleFile(post.Slug, post.Date);
            }
        }

        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in (await host.SnapshotAsync()).Keys.Where(p => p.EndsWith(".html", StringComparison.Ordinal)))
        {
            var text = (await host.ReadSiteTextAsync(path))!;
            Assert.True(ImportFixtures.Leaks(text).Count == 0, $"{path} shows {string.Join(", ", ImportFixtures.Leaks(text))}");
            pages[path] = text;
        }

        // Every old address answers: the post's own page, or a redirect to it.
        var report = await File.ReadAllTextAsync(Path.Combine(posts, "import-report.txt"));
        foreach (var old in System.Text.RegularExpressions.Regex.Matches(report, @"\(old address (?<url>[^)]+)\)").Select(m => m.Groups["url"].Value))
        {
            var path = Uri.UnescapeDataString(old).TrimStart('/');
            Assert.True(pages.ContainsKey(old.EndsWith(".html", StringComparison.Ordinal) ? path : path.TrimEnd('/') + "/index.html"), $"{old} has no page on the site");
        }

        GoldenFiles.AssertMatches($"tests/fixtures/import/golden/{name}-http-article.html", pages[article!]);
    }
}
