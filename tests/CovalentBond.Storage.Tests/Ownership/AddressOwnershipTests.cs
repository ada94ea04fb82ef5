using System.Text;
using Azure.Storage.Blobs.Models;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Storage.Blobs;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Ownership;

/// <summary>Every address has one owner, through publish, republish and verify (issue 26, findings 1, 2, 4 and 8).</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class AddressOwnershipTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite site = null!;

    public async Task InitializeAsync()
    {
        site = await TestSite.CreateAsync(azurite.ConnectionString);
        Assert.Equal(PublishStatus.Created, (await PublishAsync("victim", Post("Victim", "2025-05-20", "Politics", "The victim's own words."))).Status);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static string Post(string title, string date, string tags, string body, string? aliases = null) =>
        $"---\ntitle: {title}\ndate: {date}\nauthor: Michael K.\nsubtitle: About {title}\ntags: [{tags}]\n{(aliases is null ? "" : $"aliases: {aliases}\n")}---\n{body}\n";

    private Task<PublishResult> PublishAsync(string slug, string text) =>
        site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(text), slug, TestCallers.Editor));

    private async Task<Dictionary<string, string>> SiteFilesAsync()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in site.Site.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
        {
            files[blob.Name] = blob.Properties.ETag.ToString()!;
        }

        return files;
    }

    private async Task<string> PageAsync(string path) =>
        Encoding.UTF8.GetString((await site.Site.GetBlobClient(path).DownloadContentAsync()).Value.Content.ToArray());

    private async Task<bool> SourceExistsAsync(string name) => (await site.Sources.GetBlobClient(name).ExistsAsync()).Value;

    [Theory]
    [InlineData("['/%69ndex.html']")]
    [InlineData("['/tags%2Fpolitics/']")]
    [InlineData("['/%34%30%34.html']")]
    [InlineData("['/%2e%2e/%2e%2e/x/']")]
    [InlineData("['/%00/x/']")]
    public async Task An_alias_that_would_take_a_file_of_the_site_is_refused_and_writes_nothing(string aliases)
    {
        var before = await SiteFilesAsync();

        var result = await PublishAsync("probe", Post("Probe", "2025-05-21", "Politics", "Probe.", aliases));

        Assert.Equal(PublishStatus.Invalid, result.Status);
        Assert.Equal("aliases", Assert.Single(result.Problems).Field);
        Assert.Equal(before, await SiteFilesAsync());
        Assert.False(await SourceExistsAsync("probe.md"));
        Assert.Null(await site.Services.GetRequiredService<IPostIndex>().GetAsync("probe", CancellationToken.None));
    }

    [Theory]
    [InlineData("['/posts/victim/']")]
    [InlineData("['/posts/%76ictim/index.html']")]
    [InlineData("['/Posts/Victim']")]
    public async Task An_alias_that_names_another_posts_article_is_a_conflict_naming_that_post(string aliases)
    {
        var before = await SiteFilesAsync();

        var result = await PublishAsync("probe", Post("Probe", "2025-05-21", "Politics", "Probe.", aliases));

        Assert.Equal(PublishStatus.Conflict, result.Status);
        Assert.Contains("the post 'victim'", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(before, await SiteFilesAsync());
        Assert.False(await SourceExistsAsync("probe.md"));
        Assert.Contains("The victim's own words.", await PageAsync("posts/victim/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_another_post_holds_is_a_conflict_naming_it_until_that_post_lets_it_go()
    {
        Assert.Equal(PublishStatus.Created, (await PublishAsync("first", Post("First", "2025-05-21", "Politics", "First.", "['/old/name/']"))).Status);

        var second = await PublishAsync("second", Post("Second", "2025-05-22", "Politics", "Second.", "['/OLD/%6eame']"));

        Assert.Equal(PublishStatus.Conflict, second.Status);
        Assert.Contains("the post 'first'", Assert.Single(second.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("/posts/first/", await PageAsync("old/name/index.html"), StringComparison.Ordinal);

        // The first post drops the alias: the second may take it.
        Assert.Equal(PublishStatus.Updated, (await PublishAsync("first", Post("First", "2025-05-21", "Politics", "First, again."))).Status);
        Assert.Equal(PublishStatus.Created, (await PublishAsync("second", Post("Second", "2025-05-22", "Politics", "Second.", "['/old/name/']"))).Status);
        Assert.Contains("/posts/second/", await PageAsync("old/name/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_published_at_an_address_an_alias_held_takes_its_page_whatever_the_versions()
    {
        // The alias's post is edited several times (its record's version grows), and a republish writes its redirect.
        for (var i = 0; i < 4; i++)
        {
            Assert.NotEqual(PublishStatus.Invalid, (await PublishAsync("squatter", Post("Squatter", "2025-05-21", "Politics", $"Edit {i}.", "['/posts/later/']"))).Status);
        }

        await site.RepublishAsync("test");
        Assert.Contains("/posts/squatter/", await PageAsync("posts/later/index.html"), StringComparison.Ordinal);

        Assert.Equal(PublishStatus.Created, (await PublishAsync("later", Post("Later", "2025-05-22", "Politics", "The later post's own words."))).Status);
        Assert.Contains("The later post's own words.", await PageAsync("posts/later/index.html"), StringComparison.Ordinal);

        await site.RepublishAsync("again");
        Assert.Contains("The later post's own words.", await PageAsync("posts/later/index.html"), StringComparison.Ordinal);
        var report = await site.Services.GetRequiredService<SiteVerifier>().VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(report.IsClean, string.Join("\n", report.Drifts));
    }

    [Fact]
    public async Task A_redirect_left_over_the_home_page_by_an_old_alias_is_drift_once_and_repair_restores_the_home_page()
    {
        // What the site held after the old code published '/%69ndex.html' and a republish: a redirect over index.html,
        // with a version no list page ever reaches.
        var redirect = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"0; url=https://covalentbond.example/posts/probe/\"></head><body></body></html>");
        await site.Site.GetBlobClient("index.html").UploadAsync(new BinaryData(redirect), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
            Metadata = new Dictionary<string, string> { [BlobSiteStore.VersionMetadataKey] = "9000000000000000" },
        });
        var verifier = site.Services.GetRequiredService<SiteVerifier>();

        var report = await verifier.VerifyAsync(repair: false, CancellationToken.None);

        var drift = Assert.Single(report.Drifts);
        Assert.Equal(DriftKind.PageOfAnotherOwner, drift.Kind);
        Assert.Equal("index.html", drift.Subject);

        await verifier.VerifyAsync(repair: true, CancellationToken.None);
        Assert.Contains("/posts/victim/", await PageAsync("index.html"), StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", await PageAsync("index.html"), StringComparison.Ordinal);
        var after = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(after.IsClean, string.Join("\n", after.Drifts));
    }

    [Fact]
    public async Task A_theme_file_that_drifted_is_reported_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await PublishAsync($"p{i}", Post($"Post {i}", $"2025-06-0{i + 1}", $"Tag{i}", "Body."));
        }

        await site.Site.GetBlobClient("404.html").UploadAsync(new BinaryData("hand-edited"), overwrite: true);

        var report = await site.Services.GetRequiredService<SiteVerifier>().VerifyAsync(repair: false, CancellationToken.None);

        Assert.Equal("404.html", Assert.Single(report.Drifts).Subject);
    }

    [Fact]
    public async Task An_index_poisoned_by_an_old_alias_with_a_nul_is_verified_without_crashing_and_repaired()
    {
        // What the old code left: a record whose alias decodes to a NUL, and the redirect it wrote under that name.
        var index = site.Services.GetRequiredService<IPostIndex>();
        var victim = (await index.GetAsync("victim", CancellationToken.None))!;
        await index.SaveAsync(victim with { Aliases = ["/%00/x/"] }, CancellationToken.None);
        var poisoned = site.Site.GetBlobClient("\0/x/index.html");
        try
        {
            await poisoned.UploadAsync(new BinaryData("<meta http-equiv=\"refresh\" content=\"0\">"));
        }
        catch (Azure.RequestFailedException)
        {
            // This storage refuses such a name: only the record is left to find.
        }

        var verifier = site.Services.GetRequiredService<SiteVerifier>();
        var report = await verifier.VerifyAsync(repair: false, CancellationToken.None);

        // Before, the listing's XmlException ended verify (and every republish) for good. Now the alias is a finding, and
        // a site the storage cannot list (Azurite cannot list a name with a NUL) is one too; the pages are read one by one.
        Assert.Contains(report.Drifts, d => d.Kind == DriftKind.InvalidAlias && d.Subject == "victim" && d.Detail.Contains("/%00/x/", StringComparison.Ordinal));
        Assert.All(report.Drifts, d => Assert.Contains(d.Kind, new[] { DriftKind.InvalidAlias, DriftKind.SiteNotListed }));

        // And a full republish still runs to its end.
        Assert.Equal("finished", (await site.RepublishAsync("after the poison")).State);
        Assert.Contains("The victim's own words.", await PageAsync("posts/victim/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_republish_started_while_one_runs_answers_with_the_running_job()
    {
        var republisher = site.Services.GetRequiredService<SiteRepublisher>();

        var first = await republisher.StartAsync("first", CancellationToken.None);
        var second = await republisher.StartAsync("second", CancellationToken.None);

        Assert.Equal(first.JobId, second.JobId);
        // Worked to its end, the first is finished, and a start after it is a new job.
        var drained = await site.RepublishAsync("third, while the first runs");
        Assert.Equal(first.JobId, drained.JobId);
        Assert.Equal("finished", drained.State);
        var fourth = await site.RepublishAsync("fourth");
        Assert.NotEqual(first.JobId, fourth.JobId);
    }
}
