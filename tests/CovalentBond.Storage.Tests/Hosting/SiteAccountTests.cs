using System.Text;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Queues;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Hosting;

/// <summary>
/// The static website in an account of its own (<c>SiteStorage</c>), as the templates deploy it: every page is
/// written, read, listed and repaired there, and nothing of the site lands in the content account.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class SiteAccountTests(AzuriteFixture azurite)
{
    private static byte[] Post(string title, string date, string tag) =>
        Encoding.UTF8.GetBytes($"---\ntitle: {title}\ndate: {date}\nauthor: Michael K.\ntags: [{tag}, Europe]\n---\nThe body of {title}.\n");

    [Fact]
    public async Task With_the_site_in_its_own_account_publish_republish_and_verify_work_there_and_leave_the_content_account_without_pages()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings[StorageOptions.SiteConnectionName] = azurite.SiteConnectionString;
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await site.Publisher.PublishAsync(PostUpload.FromHttp(Post("Talks resume", "2025-06-01", "Serbia"), "talks", TestCallers.Editor));
        await site.Publisher.PublishAsync(PostUpload.FromHttp(Post("Markets calm", "2025-06-02", "Economy"), "markets", TestCallers.Editor));
        await site.Publisher.PublishAsync(PostUpload.FromHttp(Post("Withdrawn story", "2025-06-03", "Serbia"), "withdrawn", TestCallers.Editor));
        await site.Withdrawal.DeleteAsync("withdrawn", TestCallers.Editor);

        // A theme change: the tagline on every page, written by the full republish through the queue.
        settings["Site:Tagline"] = "Independent analysis, republished.";
        var changed = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await using (changed.Services) // the same storage as `site`, which removes it
        {
            var job = await changed.Services.GetRequiredService<SiteRepublisher>().StartAsync("tagline changed", CancellationToken.None);
            var finished = await changed.Services.GetRequiredService<RepublishQueueWorker>().RunUntilFinishedAsync(job.JobId, null, CancellationToken.None);
            Assert.Equal(0, finished.Failed);
            Assert.True(finished.Written > 0);

            // A page edited by hand in the site's account is found and repaired there.
            var home = new BlobServiceClient(azurite.SiteConnectionString).GetBlobContainerClient(settings["Storage:SiteContainer"]).GetBlobClient("index.html");
            var original = (await home.DownloadContentAsync()).Value.Content.ToString();
            await home.UploadAsync(BinaryData.FromString("defaced"), overwrite: true);
            var verifier = changed.Services.GetRequiredService<SiteVerifier>();
            var repaired = await verifier.VerifyAsync(repair: true, CancellationToken.None);
            Assert.Contains(repaired.Drifts, d => d.Subject == "index.html");
            Assert.Equal(original, (await home.DownloadContentAsync()).Value.Content.ToString());
            var clean = await verifier.VerifyAsync(repair: false, CancellationToken.None);
            Assert.True(clean.IsClean, string.Join("\n", clean.Drifts));
        }

        // Every page is in the site's account: the home page with the new tagline and both live stories, their
        // articles, and the deleted one's "removed" page.
        var pages = new BlobServiceClient(azurite.SiteConnectionString).GetBlobContainerClient(settings["Storage:SiteContainer"]);
        var names = new List<string>();
        await foreach (var item in pages.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        Assert.Contains("posts/talks/index.html", names);
        Assert.Contains("posts/markets/index.html", names);
        Assert.Contains("noindex", await site.ReadSiteTextAsync("posts/withdrawn/index.html"), StringComparison.Ordinal); // the "removed" page
        var homePage = await site.ReadSiteTextAsync("index.html");
        Assert.Contains("Independent analysis, republished.", homePage, StringComparison.Ordinal);
        Assert.Contains("Talks resume", homePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawn story", homePage, StringComparison.Ordinal);

        // The content account keeps the sources and has no site container at all.
        var content = new BlobServiceClient(azurite.ConnectionString);
        Assert.False(await content.GetBlobContainerClient(settings["Storage:SiteContainer"]).ExistsAsync());
        Assert.True(await content.GetBlobContainerClient(settings["Storage:SourceContainer"]).GetBlobClient("talks.md").ExistsAsync());
    }

    private static ContentStorageClients FromSettings(Dictionary<string, string?> settings) =>
        ContentStorageClients.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void Without_SiteStorage_the_site_is_in_the_content_account()
    {
        var clients = FromSettings(new() { [StorageOptions.ConnectionName] = azurite.ConnectionString });

        Assert.Same(clients.Blobs, clients.Site);
    }

    [Fact]
    public void SiteStorage_names_the_sites_account_by_connection_string_or_by_its_blob_service_address()
    {
        var byConnection = FromSettings(new()
        {
            [StorageOptions.ConnectionName] = azurite.ConnectionString,
            [StorageOptions.SiteConnectionName] = azurite.SiteConnectionString,
        });
        var byIdentity = FromSettings(new()
        {
            [StorageOptions.ConnectionName] = azurite.ConnectionString,
            [$"{StorageOptions.SiteConnectionName}:blobServiceUri"] = "https://covalentsite.blob.core.windows.net/",
        });

        Assert.Equal(azurite.Server.SiteBlobPort, byConnection.Site.Uri.Port);
        Assert.NotEqual(byConnection.Blobs.Uri, byConnection.Site.Uri);
        Assert.Equal("covalentsite.blob.core.windows.net", byIdentity.Site.Uri.Host);
    }

    [Fact]
    public void A_half_configured_SiteStorage_is_refused_with_the_setting_to_add()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FromSettings(new()
        {
            [StorageOptions.ConnectionName] = azurite.ConnectionString,
            [$"{StorageOptions.SiteConnectionName}:clientId"] = "00000000-0000-0000-0000-000000000000",
        }));

        Assert.Contains("SiteStorage__blobServiceUri", error.Message, StringComparison.Ordinal);
    }
}
