using System.Text.Json;
using CovalentBond.Functions.Http;
using CovalentBond.Testing;
using CovalentBond.Testing.Images;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CovalentBond.Functions.Tests.Http;

/// <summary><c>PUT /api/posts/{slug}/media/{file}</c>, <c>PUT /api/media/{path}</c> and images dropped into the posts container.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishMediaFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly TestImages images = new();
    private FunctionsTestHost host = null!;

    public Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => images.Dispose();

    private static HttpRequest Put(string path, byte[] bytes, long? declaredLength = null) => Uploads.PutRequest(path, bytes, declaredLength);

    private async Task<ContentResult> PutPostMediaAsync(string slug, string file, byte[] bytes, long? declaredLength = null) =>
        Assert.IsType<ContentResult>(await host.Function<PublishMediaFunctions>().PostMediaAsync(Put($"/api/posts/{slug}/media/{file}", bytes, declaredLength), slug, file, CancellationToken.None));

    [Fact]
    public async Task An_image_put_beside_a_post_appears_on_its_page_and_the_answer_describes_it()
    {
        var post = await host.PutAsync("budget", Uploads.Post("Budget vote", "![Voters queue outside the hall](queue.jpg)"));
        using (var answer = JsonDocument.Parse(post.Content!))
        {
            Assert.Contains(answer.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("'queue.jpg' is not uploaded yet", StringComparison.Ordinal));
        }

        var result = await PutPostMediaAsync("budget", "queue.jpg", await images.CameraJpegAsync());

        Assert.Equal(200, result.StatusCode);
        using var body = JsonDocument.Parse(result.Content!);
        Assert.Equal("budget/queue.jpg", body.RootElement.GetProperty("key").GetString());
        Assert.Equal(1200, body.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(["budget"], body.RootElement.GetProperty("postsUpdated").EnumerateArray().Select(e => e.GetString()));
        var page = (await host.Site.GetBlobClient("posts/budget/index.html").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<picture>", page, StringComparison.Ordinal);
        Assert.True((await host.Sources.GetBlobClient("budget/queue.jpg").ExistsAsync()).Value, "the original is kept in the posts container");
    }

    [Fact]
    public async Task Refused_images_are_400_or_413_and_write_nothing()
    {
        await host.Sources.CreateIfNotExistsAsync();
        await host.Site.CreateIfNotExistsAsync();
        var before = await CountAsync();

        var html = await PutPostMediaAsync("budget", "photo.jpg", TestImages.HtmlNamedJpg());
        var bomb = await PutPostMediaAsync("budget", "bomb.png", TestImages.BombPng());
        var svg = Assert.IsType<ContentResult>(await host.Function<PublishMediaFunctions>().SiteMediaAsync(Put("/api/media/chart.svg", TestImages.ScriptSvg()), "chart.svg", CancellationToken.None));
        var climbing = Assert.IsType<ContentResult>(await host.Function<PublishMediaFunctions>().SiteMediaAsync(Put("/api/media/../x.jpg", [1]), "../x.jpg", CancellationToken.None));
        var huge = await PutPostMediaAsync("budget", "huge.jpg", [0xFF, 0xD8, 0xFF], declaredLength: 41L * 1024 * 1024);

        Assert.Equal(400, html.StatusCode);
        Assert.Contains("not an image", html.Content, StringComparison.Ordinal);
        Assert.Equal(400, bomb.StatusCode);
        Assert.Contains("pixels, over the limit", bomb.Content, StringComparison.Ordinal);
        Assert.Equal(400, svg.StatusCode);
        Assert.Contains("SVG is not accepted", svg.Content, StringComparison.Ordinal);
        Assert.Equal(400, climbing.StatusCode);
        Assert.Equal(413, huge.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_image_dropped_into_a_bundle_folder_shows_on_the_bundle_post()
    {
        await host.DropAsync("night-train/index.md", Uploads.Post("Night train", "![The platform at dusk](platform.png)"));
        await host.DropAsync("night-train/platform.png", await images.TransparentPngAsync("platform.png"));

        var slug = (await host.Site.GetBlobsAsync().ToListAsync()).Where(b => b.Name.StartsWith("posts/", StringComparison.Ordinal)).Select(b => b.Name).Single(n => n.EndsWith("/index.html", StringComparison.Ordinal));
        var page = (await host.Site.GetBlobClient(slug).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<picture>", page, StringComparison.Ordinal);
        Assert.Contains("-320.png 320w", page, StringComparison.Ordinal);

        // The trigger fires again for the same blob (at-least-once): nothing is made twice.
        var snapshot = await CountAsync();
        await host.DeliverAsync("night-train/platform.png");
        Assert.Equal(snapshot, await CountAsync());
    }

    private async Task<(int Sources, int Site)> CountAsync() =>
        ((await host.Sources.GetBlobsAsync().ToListAsync()).Count, (await host.Site.GetBlobsAsync().ToListAsync()).Count);
}
