using System.Text;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Storage.Tables;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Verifying;

/// <summary>Verify finds what went wrong behind the system's back, and repair puts it right, once.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class SiteVerifierTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite site = null!;

    private SiteVerifier Verifier => site.Services.GetRequiredService<SiteVerifier>();

    private static string Post(string title, string date, string tags) =>
        $"---\ntitle: {title}\ndate: {date}\nauthor: Michael K.\nsubtitle: About {title}\ntags: [{tags}]\n---\nBody of {title}.\n";

    private Task<PublishResult> PublishAsync(string slug, string text) =>
        site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(text), slug, TestCallers.Editor));

    public async Task InitializeAsync()
    {
        site = await TestSite.CreateAsync(azurite.ConnectionString);
        await PublishAsync("p1", Post("First", "2025-05-01", "Serbia"));
        await PublishAsync("p2", Post("Second", "2025-05-02", "Serbia, Economy"));
        await PublishAsync("p3", Post("Third", "2025-06-01", "Economy"));
        await PublishAsync("p4", Post("Fourth", "2025-06-02", "Serbia"));
        await site.Withdrawal.DeleteAsync("p4", TestCallers.Editor);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task A_site_kept_by_the_publisher_has_no_drift()
    {
        var report = await Verifier.VerifyAsync(repair: false, CancellationToken.None);

        Assert.True(report.IsClean, string.Join("\n", report.Drifts));
        Assert.Equal(4, report.SourcesChecked);
        Assert.True(report.FilesChecked > 15);
    }

    [Fact]
    public async Task Verify_compares_pages_with_one_listing_and_reads_only_a_page_whose_bytes_differ()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        await using var own = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        for (var i = 1; i <= 12; i++)
        {
            await own.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Post($"Note {i}", $"2025-07-{i:D2}", i % 2 == 0 ? "Serbia" : "Economy")), $"n{i}", TestCallers.Editor));
        }

        var requests = new StorageRequests();
        var counted = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.AddSingleton(requests.Clients(azurite.ConnectionString)));
        await using var countedServices = counted.Services; // the same storage as `own`, which removes it
        var verifier = counted.Services.GetRequiredService<SiteVerifier>();
        requests.Take();
        var report = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(report.IsClean, string.Join("\n", report.Drifts));

        // Every page the index calls for was listed with the MD5 of its bytes, or (an article showing an older latest-news
        // list) with its record's version: none was read.
        var container = settings["Storage:SiteContainer"]!;
        List<string> PageReads(IEnumerable<(string Method, Uri Uri)> made) => made.Where(r => StorageRequests.IsBlobOf(r, container) && r.Method is "GET" or "HEAD")
            .Select(r => r.Uri.AbsolutePath[(r.Uri.AbsolutePath.IndexOf(container, StringComparison.Ordinal) + container.Length)..].TrimStart('/'))
            .Where(p => p.Length > 0).ToList();
        var made = requests.Take();
        var reads = PageReads(made);
        Assert.True(reads.Count == 0, "Read: " + string.Join(", ", reads.Take(10)));

        // Each source was read once: checked against its record, and its article rendered from the same bytes.
        var sourceReads = made.Where(r => StorageRequests.IsBlobOf(r, settings["Storage:SourceContainer"]!) && r.Method == "GET")
            .GroupBy(r => r.Uri.AbsolutePath).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12, sourceReads.Count);
        Assert.All(sourceReads, read => Assert.True(read.Value == 1, $"{read.Key} read {read.Value} times"));

        // A tag page changed behind the system's back, its metadata kept (as an editing tool may): read, and reported.
        var page = own.Site.GetBlobClient("tags/serbia/index.html");
        var properties = (await page.GetPropertiesAsync()).Value;
        var text = (await own.ReadSiteTextAsync("tags/serbia/index.html"))!.Replace("Note 4", "Note four", StringComparison.Ordinal);
        await page.UploadAsync(BinaryData.FromString(text), new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            Metadata = properties.Metadata,
            HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = properties.ContentType, CacheControl = properties.CacheControl },
        });
        var tampered = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.Equal([(DriftKind.StalePage, "tags/serbia/index.html")], tampered.Drifts.Select(d => (d.Kind, d.Subject)));
        Assert.Equal(["tags/serbia/index.html"], PageReads(requests.Take()).Distinct());

        // A repair with a source to publish again: the other sources are still read once, and their articles audited once, but
        // for the repaired post's nearest neighbours, whose related stories its publish brings up to date (Pages/RelatedStories).
        await own.Index.DeleteEntityAsync(TablePostIndex.PostPartition, "n3");
        requests.Take();
        var repaired = await verifier.VerifyAsync(repair: true, CancellationToken.None);
        Assert.Contains((DriftKind.SourceNotIndexed, "n3.md"), repaired.Drifts.Select(d => (d.Kind, d.Subject)));
        var readAgain = requests.Take().Where(r => StorageRequests.IsBlobOf(r, settings["Storage:SourceContainer"]!) && r.Method == "GET")
            .GroupBy(r => r.Uri.AbsolutePath).Where(g => g.Count() > 1 && !g.Key.EndsWith("/n3.md", StringComparison.Ordinal)).Select(g => g.Key).ToList();
        Assert.True(readAgain.Count <= CovalentBond.Publishing.Pages.RelatedStories.Count, "Read twice: " + string.Join(", ", readAgain));

        // The repair wrote the hand-edited tag page again, though its metadata said it was current: the service's MD5 of its bytes did not.
        var clean = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(clean.IsClean, string.Join("\n", clean.Drifts));
        Assert.Contains("Note 4", await own.ReadSiteTextAsync("tags/serbia/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_lists_what_publishing_warned_of_without_calling_it_drift()
    {
        await PublishAsync("p5", "---\ntitle: Fifth\ndate: 2025-06-03\nimage: https://images.example/harbour.jpg\n---\nBody.\n\n{{< notice >}}\n");

        var report = await Verifier.VerifyAsync(repair: false, CancellationToken.None);

        Assert.True(report.IsClean, string.Join("\n", report.Drifts));
        Assert.Contains(report.Warnings, w => w.StartsWith("p5.md", StringComparison.Ordinal) && w.Contains("imageAlt: is missing", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.StartsWith("p5.md:8: shortcode:", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Warnings, w => w.StartsWith("p1.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_finds_a_deleted_page_a_stale_tag_page_an_orphan_and_a_missing_index_row_and_repair_fixes_them()
    {
        // A stale tag page: the Serbia page as it was before the latest Serbia post, put back.
        var staleTag = await site.Site.GetBlobClient("tags/serbia/index.html").DownloadContentAsync();
        await PublishAsync("p5", Post("Fifth", "2025-06-03", "Serbia"));
        var tagPage = site.Site.GetBlobClient("tags/serbia/index.html");
        await tagPage.UploadAsync(staleTag.Value.Content, overwrite: true);
        await tagPage.SetMetadataAsync(staleTag.Value.Details.Metadata);

        await site.Site.DeleteBlobAsync("posts/p1/index.html");
        await site.Site.UploadBlobAsync("posts/ghost/index.html", BinaryData.FromString("<!doctype html><title>Ghost</title>"));
        // The editor's files (covalent admin install) are no page of the index's, and no orphan either.
        await site.Site.UploadBlobAsync("admin/index.html", BinaryData.FromString("<!doctype html><title>Newsroom</title>"));
        await site.Index.DeleteEntityAsync(TablePostIndex.PostPartition, "p3");

        var report = await Verifier.VerifyAsync(repair: false, CancellationToken.None);
        var found = report.Drifts.Select(d => (d.Kind, d.Subject)).ToList();
        Assert.Contains((DriftKind.MissingPage, "posts/p1/index.html"), found);
        Assert.Contains((DriftKind.StalePage, "tags/serbia/index.html"), found);
        Assert.Contains((DriftKind.OrphanPage, "posts/ghost/index.html"), found);
        Assert.Contains((DriftKind.SourceNotIndexed, "p3.md"), found);
        Assert.DoesNotContain(found, f => f.Subject.StartsWith("admin/", StringComparison.Ordinal));

        // Verify changed nothing.
        Assert.Null(await site.ReadSiteTextAsync("posts/p1/index.html"));

        var repaired = await Verifier.VerifyAsync(repair: true, CancellationToken.None);
        Assert.True(repaired.Repaired);
        var again = await Verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(again.IsClean, string.Join("\n", again.Drifts));

        Assert.Contains("First", await site.ReadSiteTextAsync("posts/p1/index.html"), StringComparison.Ordinal);
        Assert.Contains("/posts/p5/", await site.ReadSiteTextAsync("tags/serbia/index.html"), StringComparison.Ordinal);
        Assert.Null(await site.ReadSiteTextAsync("posts/ghost/index.html"));
        Assert.NotNull(await site.ReadSiteTextAsync("admin/index.html"));
        Assert.Equal("Third", (await site.Services.GetRequiredService<CovalentBond.Publishing.Ports.IPostIndex>().GetAsync("p3", CancellationToken.None))!.Title);

        // Repairing a clean site writes nothing.
        var before = await site.SnapshotAsync();
        Assert.True((await Verifier.VerifyAsync(repair: true, CancellationToken.None)).IsClean);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_source_that_does_not_read_and_a_post_whose_source_is_gone_are_reported()
    {
        await site.Sources.UploadBlobAsync("broken.md", BinaryData.FromString("---\ntitle: Broken\n---\nNo date.\n"));
        await site.Sources.DeleteBlobAsync("p2.md");

        var report = await Verifier.VerifyAsync(repair: true, CancellationToken.None);
        var invalid = Assert.Single(report.Drifts, d => d.Kind == DriftKind.InvalidSource);
        Assert.Equal("broken.md", invalid.Subject);
        Assert.StartsWith("broken.md:1: date: ", invalid.Detail, StringComparison.Ordinal);
        Assert.Contains(report.Drifts, d => d is { Kind: DriftKind.IndexRowWithoutSource, Subject: "p2" });

        // The post without a source came off the site; the broken source is still reported (its author must fix it).
        Assert.Null(await site.ReadSiteTextAsync("posts/p2/index.html"));
        var again = await Verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.Equal([DriftKind.InvalidSource], again.Drifts.Select(d => d.Kind));
    }
}
