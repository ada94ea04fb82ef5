using Azure.Data.Tables;
using CovalentBond.Functions.Blobs;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests.Blobs;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishPostFromBlobFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FunctionsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        await host.Sources.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task DropAsync(string name, string markdown)
    {
        var blob = host.Sources.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(markdown), overwrite: true);
        await host.Function<PublishPostFromBlobFunction>().RunAsync(blob, name, CancellationToken.None);
    }

    [Fact]
    public async Task A_dropped_file_is_published_under_the_slug_of_its_name()
    {
        await DropAsync("2025-05-20-istanbul-talks.md", Posts.Istanbul);

        var html = await host.ReadSiteTextAsync("posts/istanbul-talks/index.html");
        Assert.Contains("<h1>Diplomatic farce: Istanbul talks reach deadlock</h1>", html, StringComparison.Ordinal);
        var row = (await host.Index.GetEntityAsync<TableEntity>("post", "istanbul-talks")).Value;
        Assert.Equal("2025-05-20-istanbul-talks.md", row.GetString("SourceName"));
        Assert.Contains("/posts/istanbul-talks/", await host.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_written_back_into_the_posts_container()
    {
        await DropAsync("istanbul-talks.md", Posts.Istanbul);

        var names = new List<string>();
        await foreach (var item in host.Sources.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        Assert.Equal(["istanbul-talks.md"], names);
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_blob_changes_nothing()
    {
        await DropAsync("istanbul-talks.md", Posts.Istanbul);
        var before = await host.SnapshotAsync();

        await host.Function<PublishPostFromBlobFunction>().RunAsync(host.Sources.GetBlobClient("istanbul-talks.md"), "istanbul-talks.md", CancellationToken.None);

        Assert.NotEmpty(before);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task An_invalid_file_is_reported_and_publishes_nothing()
    {
        await DropAsync("no-title.md", Posts.NoTitle);

        Assert.Empty(await host.SnapshotAsync());
        Assert.True(await host.Sources.GetBlobClient("no-title.md").ExistsAsync(), "the author's file is kept");
    }

    [Fact]
    public async Task Files_that_are_not_markdown_are_ignored()
    {
        await DropAsync("notes.txt", Posts.Istanbul);

        Assert.Empty(await host.SnapshotAsync());
    }

    [Theory]
    [InlineData("posts/.hidden.jpg")]
    [InlineData("a\\b.jpg")]
    [InlineData("caf\u00e9.jpg")]
    [InlineData("x/%2e%2e/y.jpg")]
    public async Task A_dropped_image_whose_path_the_HTTP_upload_would_refuse_is_refused_the_same_and_writes_nothing(string name)
    {
        using var images = new Testing.Images.TestImages();
        var blob = host.Sources.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(await images.CameraJpegAsync(320, 240)), overwrite: true);

        await host.Function<PublishPostFromBlobFunction>().RunAsync(blob, name, CancellationToken.None);

        Assert.Empty(await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_dropped_picture_is_in_the_audit_trail_as_a_storage_drop_stored_or_refused()
    {
        using var images = new Testing.Images.TestImages();
        var good = host.Sources.GetBlobClient("media/harbour.jpg");
        await good.UploadAsync(new BinaryData(await images.CameraJpegAsync(640, 480)), overwrite: true);
        await host.Function<PublishPostFromBlobFunction>().RunAsync(good, "media/harbour.jpg", CancellationToken.None);
        var bad = host.Sources.GetBlobClient("media/not-a-picture.jpg");
        await bad.UploadAsync(BinaryData.FromString("<svg onload=alert(1)>"), overwrite: true);
        await host.Function<PublishPostFromBlobFunction>().RunAsync(bad, "media/not-a-picture.jpg", CancellationToken.None);

        var audit = host.Services.GetRequiredService<Publishing.Pipeline.AuditRecorder>();
        var stored = Assert.Single(await audit.ReadAsync(new Publishing.Ports.AuditQuery(Subject: "media/harbour.jpg")));
        Assert.Equal(("media", "stored", "storage"), (stored.Action, stored.Outcome, stored.CallerId));
        Assert.Contains("storage drop (blob media/harbour.jpg)", stored.CallerName, StringComparison.Ordinal);
        Assert.NotNull(stored.HashAfter);
        Assert.Matches(@"^\d+ variants, 0 posts updated$", stored.Detail);
        var refused = Assert.Single(await audit.ReadAsync(new Publishing.Ports.AuditQuery(Subject: "media/not-a-picture.jpg")));
        Assert.Equal(("media", "refused", "storage"), (refused.Action, refused.Outcome, refused.CallerId));
    }
}
