using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CovalentBond.Functions.Tests.Http;

/// <summary>The HTTP publish, with the static website in an account of its own as the templates deploy it.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishPostFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FunctionsTestHost host = null!;

    public Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            [CovalentBond.Storage.Hosting.StorageOptions.SiteConnectionName] = azurite.SiteConnectionString,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<(ContentResult Result, HttpContext Context)> PutAsync(string slug, string markdown) =>
        host.PutWithContextAsync(slug, Encoding.UTF8.GetBytes(markdown));

    [Fact]
    public async Task A_new_post_is_stored_rendered_indexed_and_listed_on_the_home_page()
    {
        var (result, context) = await PutAsync("istanbul-talks", Posts.Istanbul);

        Assert.Equal(201, result.StatusCode);
        Assert.Equal("/posts/istanbul-talks/", context.Response.Headers.Location.ToString());
        using var body = JsonDocument.Parse(result.Content!);
        Assert.Equal("posts/istanbul-talks/index.html", body.RootElement.GetProperty("path").GetString());

        // The source is kept as uploaded.
        var source = (await host.Sources.GetBlobClient("istanbul-talks.md").DownloadContentAsync()).Value;
        Assert.Equal(Posts.Istanbul, source.Content.ToString());

        // The page is HTML that a browser renders, not a download, in the site's account only.
        var page = host.Site.GetBlobClient("posts/istanbul-talks/index.html");
        Assert.Equal(azurite.Server.SiteBlobPort, page.Uri.Port);
        Assert.False(await new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(host.Site.Name).ExistsAsync());
        var properties = (await page.GetPropertiesAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", properties.ContentType);
        Assert.False(string.IsNullOrEmpty(properties.CacheControl));
        var html = (await page.DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<h1>Diplomatic farce: Istanbul talks reach deadlock</h1>", html, StringComparison.Ordinal);
        Assert.Contains(">5/20/25</time>", html, StringComparison.Ordinal);
        Assert.Contains("Michael K.", html, StringComparison.Ordinal);
        Assert.Contains("Türkiye", html, StringComparison.Ordinal);

        // The index has the post.
        var row = (await host.Index.GetEntityAsync<TableEntity>("post", "istanbul-talks")).Value;
        Assert.Equal("Diplomatic farce: Istanbul talks reach deadlock", row.GetString("Title"));
        Assert.Equal("istanbul-talks.md", row.GetString("SourceName"));

        // The home page lists it.
        var home = await host.ReadSiteTextAsync("index.html");
        Assert.Contains("href=\"/posts/istanbul-talks/\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_answers_200_and_the_home_page_keeps_newest_first()
    {
        await PutAsync("peace-pause", Posts.PeacePause);
        await PutAsync("istanbul-talks", Posts.Istanbul);

        var (edit, _) = await PutAsync("peace-pause", Posts.PeacePause.Replace("No real breakthrough", "No breakthrough", StringComparison.Ordinal));

        Assert.Equal(200, edit.StatusCode);
        var home = (await host.ReadSiteTextAsync("index.html"))!;
        var istanbul = home.IndexOf("/posts/istanbul-talks/", StringComparison.Ordinal);
        var peace = home.IndexOf("/posts/peace-pause/", StringComparison.Ordinal);
        Assert.True(istanbul > 0 && istanbul < peace, "newest first");
        Assert.Contains("No breakthrough", await host.ReadSiteTextAsync("posts/peace-pause/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_upload_twice_gives_the_same_site_and_writes_nothing()
    {
        var (first, _) = await PutAsync("istanbul-talks", Posts.Istanbul);
        var before = await host.SnapshotAsync();

        Assert.NotEmpty(before);
        var (second, _) = await PutAsync("istanbul-talks", Posts.Istanbul);

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        using var body = JsonDocument.Parse(second.Content!);
        Assert.Equal("unchanged", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("pagesWritten").GetArrayLength());
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_post_without_a_title_gets_400_problem_details_naming_the_field_and_writes_nothing()
    {
        var (result, _) = await PutAsync("no-title", Posts.NoTitle);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        using var problem = JsonDocument.Parse(result.Content!);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("title", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("title", error.GetProperty("field").GetString());

        Assert.False(await host.Sources.GetBlobClient("no-title.md").ExistsAsync());
        Assert.Empty(await host.SnapshotAsync());
        Assert.False((await host.Index.GetEntityIfExistsAsync<TableEntity>("post", "no-title")).HasValue);
    }

    [Fact]
    public async Task A_bad_date_is_reported_with_its_line()
    {
        var (result, _) = await PutAsync("bad-date", "---\ntitle: T\ndate: yesterday\n---\nbody");

        Assert.Equal(400, result.StatusCode);
        using var problem = JsonDocument.Parse(result.Content!);
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("date", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_invalid_slug_in_the_address_gets_400()
    {
        var (result, _) = await PutAsync("Not_A_Slug", Posts.Istanbul);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("slug", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_writes_nothing()
    {
        var (result, _) = await PutAsync("huge", Posts.Istanbul + new string('x', 1024 * 1024));

        Assert.Equal(413, result.StatusCode);
        Assert.Empty(await host.SnapshotAsync());
    }
}
