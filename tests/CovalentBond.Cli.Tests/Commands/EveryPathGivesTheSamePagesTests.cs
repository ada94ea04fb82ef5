using CovalentBond.Cli.Commands;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Publishing.Site;
using CovalentBond.Storage.Blobs;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// The three ways a site's pages are made agree byte for byte: <c>covalent build</c> of the sample site, and the same
/// posts published one by one through the incremental path (as <c>covalent publish</c> does, pictures first) into the
/// in-memory stores and into Azurite. An article embeds the latest news as they were when it was rendered (by design:
/// docs/post-index.md), so right after the publishes every page but the older articles agrees; after a republish, every page.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class EveryPathGivesTheSamePagesTests(AzuriteFixture azurite)
{
    private static readonly string Samples = RepositoryPaths.Combine("samples");

    [Fact]
    public async Task The_sample_site_built_and_published_post_by_post_in_memory_and_on_Azurite_has_the_same_pages()
    {
        var siteFile = new FileInfo(Path.Combine(Samples, "site.json"));
        var built = await BuildAsync(siteFile);

        // The sample's author profiles (samples/authors, which the build finds beside the posts) in every store's theme.
        var configuration = CliConfiguration.Build(siteFile);
        var profiles = Directory.GetFiles(Path.Combine(Samples, "authors"), "*.json");
        Assert.NotEmpty(profiles);
        var theme = Publishing.Theme.Theme.Default.WithAuthors(AuthorProfiles.Read(profiles.Select(f => (Path.GetFileName(f), (ReadOnlyMemory<byte>)File.ReadAllBytes(f))), []));
        await using var memory = new ServiceCollection().AddCovalentBondCore(configuration).AddInMemoryStorage(theme).BuildServiceProvider();
        await using var azure = await TestSite.CreateAsync(azurite.ConnectionString, SampleSettings(configuration));
        var themes = azure.Services.GetRequiredService<BlobThemeLoader>();
        await themes.SaveProfilesAsync(profiles.Select(f => (Path.GetFileName(f), new BinaryData(File.ReadAllBytes(f)))), CancellationToken.None);
        azure.Services.GetRequiredService<Publishing.Theme.CurrentTheme>().Replace(await themes.LoadAsync(CancellationToken.None));
        var posts = PostFiles.Find([Path.Combine(Samples, "posts")]);
        Assert.Equal(7, posts.Count);
        foreach (var file in posts)
        {
            var content = await File.ReadAllBytesAsync(file.FullName);
            foreach (var services in new IServiceProvider[] { memory, azure.Services })
            {
                var outcome = await PublishCommand.IntoStorage(services)(file, content, CancellationToken.None);
                Assert.True(outcome.Problems.Count == 0, $"{file.Name}: {string.Join("; ", outcome.Problems)}");
            }
        }

        // Right after: the same files everywhere, and the same bytes in all but the articles rendered before the last post.
        var site = memory.GetRequiredService<SiteOptions>();
        var last = (await memory.GetRequiredService<IPostIndex>().GetAsync("tomahawk-threat-and-bluff", CancellationToken.None))!;
        var older = await memory.GetRequiredService<IPostIndex>().AllAsync(CancellationToken.None)
            .Where(r => r.Slug != last.Slug).Select(r => site.ArticleFile(r.Slug, r.Date)).ToHashSetAsync();
        Assert.Equal(6, older.Count);
        AssertSamePages(built, InMemoryPages(memory), "in memory, after the publishes", except: older);
        AssertSamePages(built, await AzuritePages(azure), "on Azurite, after the publishes", except: older);
        // Some of them still show the latest news (and related stories) of when they were rendered: a publish refreshes a new
        // post's nearest neighbours, not every article.
        var stale = older.Where(path => !built[path].AsSpan().SequenceEqual(InMemoryPages(memory)[path])).ToList();
        Assert.True(stale.Count > 0, "every older article was rendered again after the last publish");

        // After a republish (what a theme change starts), every page.
        var republisher = memory.GetRequiredService<SiteRepublisher>();
        await republisher.StartAsync("the test", CancellationToken.None);
        await memory.GetRequiredService<InMemoryRepublishDispatcher>().RunAsync(republisher, CancellationToken.None);
        Assert.Equal("finished", (await republisher.StatusAsync(null, CancellationToken.None))!.State);
        Assert.Equal("finished", (await azure.RepublishAsync("the test")).State);
        AssertSamePages(built, InMemoryPages(memory), "in memory, after a republish");
        AssertSamePages(built, await AzuritePages(azure), "on Azurite, after a republish");

        // The author's page is among them, with the profile's bio: every path read the same profiles.
        Assert.Contains("<p class=\"author-bio\">Covers Ukraine", System.Text.Encoding.UTF8.GetString(built["authors/michael-k/index.html"]), StringComparison.Ordinal);
        Assert.Contains("authors/michael-k/feed.xml", built.Keys);
    }

    private static void AssertSamePages(IReadOnlyDictionary<string, byte[]> expected, IReadOnlyDictionary<string, byte[]> actual, string where, IReadOnlySet<string>? except = null)
    {
        Assert.True(expected.Count > 60, $"the build wrote {expected.Count} files");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var differing = expected.Keys.Where(path => except?.Contains(path) != true && !expected[path].AsSpan().SequenceEqual(actual[path])).Order(StringComparer.Ordinal).ToList();
        Assert.True(differing.Count == 0, $"{where}, {differing.Count} files differ from the build's: {string.Join(", ", differing)}");
    }

    private static async Task<IReadOnlyDictionary<string, byte[]>> BuildAsync(FileInfo siteFile)
    {
        var folder = Directory.CreateTempSubdirectory("covalent-same-pages-").FullName;
        try
        {
            var run = new CliRun();
            Assert.True(0 == await run.RunAsync(["build", Path.Combine(Samples, "posts"), "--out", folder, "--site", siteFile.FullName]), run.ErrorText + run.OutputText);
            return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) != FolderBuildOutput.ManifestName)
                .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, byte[]> InMemoryPages(IServiceProvider memory) =>
        memory.GetRequiredService<InMemorySiteStore>().Files.ToDictionary(f => f.Key, f => f.Value.Content, StringComparer.Ordinal);

    private static async Task<Dictionary<string, byte[]>> AzuritePages(TestSite azure)
    {
        var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var blob in azure.Site.GetBlobsAsync())
        {
            pages[blob.Name] = (await azure.Site.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
        }

        return pages;
    }

    /// <summary>
    /// The sample's site settings over the test site's (the sample names every one the test site sets, and more), the
    /// test site's containers and tables kept.
    /// </summary>
    private static Dictionary<string, string?> SampleSettings(IConfiguration sample) =>
        sample.GetSection("Site").AsEnumerable().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value);
}
