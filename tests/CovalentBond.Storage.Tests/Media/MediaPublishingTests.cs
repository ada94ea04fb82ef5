using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Testing;
using CovalentBond.Testing.Images;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Media;

/// <summary>Images uploaded with posts, in either order, against Azurite: pages brought up to date, nothing half-written.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed partial class MediaPublishingTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string PostText =
        "---\ntitle: Budget vote\ndate: 2025-05-01\nauthor: Michael K.\ntags: [Serbia]\nimage: cover.jpg\nimageAlt: The assembly hall before the vote\n---\n" +
        "The vote was close.\n\n![Voters queue outside the hall](photo.jpg)\n";

    private readonly TestImages images = new();
    private TestSite site = null!;

    private MediaPublisher Media => site.Services.GetRequiredService<MediaPublisher>();

    public async Task InitializeAsync() => site = await TestSite.CreateAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await site.DisposeAsync();

    public void Dispose() => images.Dispose();

    private Task<PublishResult> PublishPostAsync() =>
        site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(PostText), "budget-vote", TestCallers.Editor));

    [Fact]
    public async Task A_post_published_before_its_images_shows_them_once_they_arrive()
    {
        var published = await PublishPostAsync();
        Assert.Contains(published.Warnings, w => w.Message.Contains("'photo.jpg' is not uploaded yet", StringComparison.Ordinal));
        Assert.Contains(published.Warnings, w => w.Message.Contains("'cover.jpg' is not uploaded yet", StringComparison.Ordinal));
        var before = await site.ReadSiteTextAsync("posts/budget-vote/index.html");
        Assert.DoesNotContain("<picture>", before);
        Assert.DoesNotContain("<img", before);

        var photo = await Media.PublishAsync("budget-vote/photo.jpg", await images.CameraJpegAsync(name: "photo.jpg"));
        var cover = await Media.PublishAsync("budget-vote/cover.jpg", await images.CameraJpegAsync(1800, 1000, "cover.jpg"));

        Assert.Equal(["budget-vote"], photo.PostsUpdated);
        Assert.Equal(["budget-vote"], cover.PostsUpdated);
        // The pictures re-rendered the post under the app, but the last person to change it is still its editor.
        var record = (await site.Services.GetRequiredService<CovalentBond.Publishing.Ports.IPostIndex>().GetAsync("budget-vote", CancellationToken.None))!;
        Assert.Equal(TestCallers.Editor.Id, record.ChangedBy?.Id);
        var page = (await site.ReadSiteTextAsync("posts/budget-vote/index.html"))!;
        Assert.Equal(2, Regex.Count(page, "<picture>"));
        Assert.Contains("fetchpriority=\"high\"", page);
        Assert.Contains($"/media/{cover.Image!.Hash}/cover-og.jpg", page);
        await AssertEveryVariantIsServedClean(page);

        // The lists show the hero's thumbnail and the feeds carry its card, from the index's list rows.
        foreach (var list in new[] { "index.html", "tags/serbia/index.html" })
        {
            var html = (await site.ReadSiteTextAsync(list))!;
            Assert.Contains("<div class=\"thumb\"><picture>", html);
            Assert.Contains($"/media/{cover.Image.Hash}/cover-320.avif 320w", html);
        }

        Assert.Contains($"<media:content url=\"https://covalentbond.example/media/{cover.Image.Hash}/cover-og.jpg\" medium=\"image\"", (await site.ReadSiteTextAsync("feed.xml"))!);
        Assert.Contains($"rel=\"enclosure\" type=\"image/jpeg\" href=\"https://covalentbond.example/media/{cover.Image.Hash}/cover-og.jpg\"", (await site.ReadSiteTextAsync("atom.xml"))!);
    }

    [Fact]
    public async Task Images_uploaded_first_are_on_the_page_from_its_first_render()
    {
        await Media.PublishAsync("budget-vote/photo.jpg", await images.TransparentPngAsync("photo.png"));
        await Media.PublishAsync("budget-vote/cover.jpg", await images.CameraJpegAsync(name: "cover.jpg"));

        var published = await PublishPostAsync();

        Assert.Empty(published.Warnings);
        var page = (await site.ReadSiteTextAsync("posts/budget-vote/index.html"))!;
        Assert.Equal(2, Regex.Count(page, "<picture>"));
        Assert.Contains("Jana Reporter / Covalent Bond · © 2026 Covalent Bond", page);
    }

    [Fact]
    public async Task A_refused_image_writes_nothing_anywhere()
    {
        await PublishPostAsync();
        var site0 = await site.SnapshotAsync();
        var sources0 = await ListAsync(site.Sources);
        var index0 = await IndexRowsAsync();

        var bomb = await Media.PublishAsync("budget-vote/photo.jpg", TestImages.BombPng());
        var html = await Media.PublishAsync("budget-vote/photo.jpg", TestImages.HtmlNamedJpg());
        var svg = await Media.PublishAsync("media/chart.svg", TestImages.ScriptSvg());
        var whole = await images.CameraJpegAsync();
        var truncated = await Media.PublishAsync("budget-vote/photo.jpg", whole[..(whole.Length / 2)]);

        Assert.Contains("over the limit of 100,000,000", bomb.Problem);
        Assert.Contains("not an image", html.Problem);
        Assert.Contains("SVG is not accepted", svg.Problem);
        Assert.Contains("corrupt or truncated", truncated.Problem);
        Assert.Equal(site0, await site.SnapshotAsync());
        Assert.Equal(sources0, await ListAsync(site.Sources));
        Assert.Equal(index0, await IndexRowsAsync());
    }

    [Fact]
    public async Task A_republish_keeps_the_pictures_and_verify_accounts_for_every_variant()
    {
        await Media.PublishAsync("budget-vote/photo.jpg", await images.CameraJpegAsync(name: "photo.jpg"));
        await Media.PublishAsync("budget-vote/cover.jpg", await images.TransparentPngAsync("cover.png"));
        await PublishPostAsync();
        var page = await site.ReadSiteTextAsync("posts/budget-vote/index.html");

        Assert.Equal("finished", (await site.RepublishAsync("the test")).State);

        Assert.Equal(page, await site.ReadSiteTextAsync("posts/budget-vote/index.html"));
        var verifier = site.Services.GetRequiredService<SiteVerifier>();
        var clean = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(clean.IsClean, string.Join("\n", clean.Drifts));

        // A variant no image has (left by an image since replaced): reported, and removed by repair.
        await site.Site.UploadBlobAsync("media/0123456789abcdef/old-320.jpg", BinaryData.FromBytes([0xFF, 0xD8, 0xFF]));
        var report = await verifier.VerifyAsync(repair: true, CancellationToken.None);
        Assert.Contains(report.Drifts, d => d.Subject == "media/0123456789abcdef/old-320.jpg" && d.Kind == DriftKind.OrphanPage);
        Assert.False(await site.Site.GetBlobClient("media/0123456789abcdef/old-320.jpg").ExistsAsync());
        Assert.True((await verifier.VerifyAsync(repair: false, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task Verify_reports_missing_variants_and_images_and_repair_makes_what_it_can_from_the_originals()
    {
        var photo = await Media.PublishAsync("budget-vote/photo.jpg", await images.CameraJpegAsync(name: "photo.jpg"));
        await PublishPostAsync();
        var lost = photo.Image!.VariantPath(640, "webp");
        await site.Site.DeleteBlobAsync(lost);

        // The cover was put into the posts container by hand, no trigger ran: uploaded, never processed.
        await site.Sources.UploadBlobAsync("budget-vote/cover.jpg", BinaryData.FromBytes(await images.CameraJpegAsync(name: "cover.jpg")));
        // Another post names an image no one uploaded.
        await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes("---\ntitle: Ghost\ndate: 2025-05-02\n---\n![A ghost](ghost.jpg)\n"), "ghost", TestCallers.Editor));

        var verifier = site.Services.GetRequiredService<SiteVerifier>();
        var report = await verifier.VerifyAsync(repair: true, CancellationToken.None);

        Assert.Contains(report.Drifts, d => d.Kind == DriftKind.VariantMissing && d.Subject == "budget-vote/photo.jpg" && d.Detail.Contains(lost, StringComparison.Ordinal));
        Assert.Contains(report.Drifts, d => d.Kind == DriftKind.ImageUnprocessed && d.Subject == "budget-vote/cover.jpg");
        Assert.Contains(report.Drifts, d => d.Kind == DriftKind.ImageNotUploaded && d.Subject == "ghost/ghost.jpg");
        Assert.True(await site.Site.GetBlobClient(lost).ExistsAsync());
        Assert.Equal(2, Regex.Count((await site.ReadSiteTextAsync("posts/budget-vote/index.html"))!, "<picture>"));

        // Variants made under other settings (a ladder since changed) are made again by repair.
        var row = (await site.Index.GetEntityAsync<Azure.Data.Tables.TableEntity>("media", "budget-vote%2Fphoto.jpg")).Value;
        row["Json"] = row.GetString("Json").Replace(new MediaOptions().Fingerprint, "v0;w=100", StringComparison.Ordinal);
        await site.Index.UpdateEntityAsync(row, row.ETag);
        var outdated = await verifier.VerifyAsync(repair: true, CancellationToken.None);
        Assert.Contains(outdated.Drifts, d => d.Kind == DriftKind.VariantsOutdated && d.Subject == "budget-vote/photo.jpg");

        // What is left is the author's to fix.
        var after = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.Equal([DriftKind.ImageNotUploaded], after.Drifts.Select(d => d.Kind));
    }

    [Fact]
    public async Task A_configured_ladder_replaces_the_default_and_names_new_variants()
    {
        await using var custom = await TestSite.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Media:Widths:0"] = "400", ["Media:Widths:1"] = "800" });
        var options = custom.Services.GetRequiredService<MediaOptions>();

        Assert.Equal([400, 800], options.Ladder);
        Assert.NotEqual(new MediaOptions().Fingerprint, options.Fingerprint);
        var photo = await custom.Services.GetRequiredService<MediaPublisher>().PublishAsync("x/photo.jpg", await images.CameraJpegAsync());
        // 1,200 px wide: the ladder's widths below it, not its own width (it is past the ladder's widest).
        Assert.Equal([400, 800], photo.Image!.Widths);
    }

    /// <summary>Every variant the page names exists, is served immutable with its type, and carries no GPS or camera tag.</summary>
    private async Task AssertEveryVariantIsServedClean(string page)
    {
        var paths = VariantAddress().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(paths.Count >= 8, $"only {paths.Count} variants named");
        foreach (var path in paths)
        {
            var blob = site.Site.GetBlobClient(path);
            var download = (await blob.DownloadContentAsync()).Value;
            Assert.Equal(SitePage.ImmutableCacheControl, download.Details.CacheControl);
            Assert.Equal(MediaImage.ContentType(Path.GetExtension(path).TrimStart('.')), download.Details.ContentType);
            var tags = await images.TagsAsync(download.Content.ToArray(), Path.GetExtension(path).TrimStart('.'));
            Assert.DoesNotContain(tags.Keys, k => k.Contains(":GPS", StringComparison.Ordinal) || k.EndsWith(":Make", StringComparison.Ordinal)
                || k.EndsWith(":Model", StringComparison.Ordinal) || k.EndsWith(":SerialNumber", StringComparison.Ordinal) || k.EndsWith(":OwnerName", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> ListAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add($"{blob.Name} {blob.Properties.ETag}");
        }

        return names;
    }

    private async Task<List<string>> IndexRowsAsync()
    {
        var rows = new List<string>();
        await foreach (var row in site.Index.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey} {row.ETag}");
        }

        return rows;
    }

    [GeneratedRegex("[\" ]/(media/[0-9a-f]{16}/[a-z0-9-]+\\.(?:avif|webp|jpg|png|gif))")]
    private static partial Regex VariantAddress();
}
