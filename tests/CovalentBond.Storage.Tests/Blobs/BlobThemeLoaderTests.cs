using System.Text;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Storage.Blobs;
using CovalentBond.Storage.Hosting;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CovalentBond.Storage.Tests.Blobs;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BlobThemeLoaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Templates_in_the_theme_container_replace_the_defaults_of_the_same_name()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        var themeContainer = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(settings["Storage:ThemeContainer"]);
        await themeContainer.CreateIfNotExistsAsync();
        await themeContainer.UploadBlobAsync("article.liquid", BinaryData.FromString("<article class=\"owner-theme\"><h1>{{ article.title }}</h1></article>"));
        await themeContainer.UploadBlobAsync("notes/readme.txt", BinaryData.FromString("ignored"));
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);

        await site.Publisher.PublishAsync(PostUpload.FromFile(Encoding.UTF8.GetBytes("---\ntitle: Owner's look\ndate: 2025-05-20\n---\nbody"), "look.md", TestCallers.Editor));

        var html = await site.ReadSiteTextAsync("posts/look/index.html");
        Assert.Contains("<article class=\"owner-theme\"><h1>Owner&#x27;s look</h1></article>", html, StringComparison.Ordinal);
        Assert.Contains("<footer class=\"site-footer\">", html, StringComparison.Ordinal);
        await themeContainer.DeleteAsync();
    }

    [Fact]
    public async Task Without_a_theme_container_the_default_theme_is_used()
    {
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString);

        await site.Publisher.PublishAsync(PostUpload.FromFile(Encoding.UTF8.GetBytes("---\ntitle: Plain\ndate: 2025-05-20\n---\nbody"), "plain.md", TestCallers.Editor));

        Assert.Contains("<article class=\"post\">", await site.ReadSiteTextAsync("posts/plain/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_theme_container_that_cannot_be_read_starts_the_worker_with_the_default_theme_and_a_warning()
    {
        // Nothing listens on port 1: every request fails, as while role assignments are still propagating.
        var unreachable = ContentStorageClients.FromConnectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            options => options.Retry.MaxRetries = 0);
        var logs = new RecordingLogger<BlobThemeLoader>();
        var loader = new BlobThemeLoader(unreachable, Options.Create(new StorageOptions()), logs);

        var theme = loader.Load();

        Assert.Same(CovalentBond.Publishing.Theme.Theme.Default, theme);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("default theme", StringComparison.Ordinal));
    }
}
