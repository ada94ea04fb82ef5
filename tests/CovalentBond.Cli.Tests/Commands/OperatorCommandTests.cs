using System.Text.Json;
using Azure.Storage.Blobs;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary><c>covalent republish</c>, <c>status</c> and <c>verify</c> run in-process against Azurite.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class OperatorCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("posts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<string> PublishedSiteAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "first.md"), "---\ntitle: First\ndate: 2025-05-17\ntags: [Serbia]\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(folder, "second.md"), "---\ntitle: Second\ndate: 2025-05-18\ntags: [Serbia]\n---\nbody");
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        Assert.Equal(0, await new CliRun().RunAsync(["publish", folder, "--site", siteFile]));
        return siteFile;
    }

    [Fact]
    public async Task Republish_works_through_its_batches_and_status_reports_them()
    {
        var siteFile = await PublishedSiteAsync();

        var run = new CliRun();
        Assert.Equal(0, await run.RunAsync(["republish", "--site", siteFile]));
        Assert.Contains("state:    finished", run.OutputText, StringComparison.Ordinal);

        var status = new CliRun();
        Assert.Equal(0, await status.RunAsync(["status", "--site", siteFile, "--json"]));
        var json = JsonDocument.Parse(status.OutputText).RootElement;
        Assert.Equal("finished", json.GetProperty("state").GetString());
        Assert.Equal(json.GetProperty("total").GetInt32(), json.GetProperty("done").GetInt32());
        Assert.True(json.GetProperty("total").GetInt32() >= 2 + 1 + 3, "two articles, one tag, the lists and a month");

        var unknown = new CliRun();
        Assert.Equal(1, await unknown.RunAsync(["status", "no-such-job", "--site", siteFile]));
        Assert.Contains("no republish job 'no-such-job'", unknown.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_a_deleted_page_with_exit_1_and_repair_fixes_it()
    {
        var siteFile = await PublishedSiteAsync();
        Assert.Equal(0, await new CliRun().RunAsync(["verify", "--site", siteFile]));

        var container = SiteContainer(siteFile);
        await container.DeleteBlobAsync("posts/first/index.html");

        var found = new CliRun();
        Assert.Equal(1, await found.RunAsync(["verify", "--site", siteFile]));
        Assert.Contains("MissingPage: posts/first/index.html", found.OutputText, StringComparison.Ordinal);

        var repaired = new CliRun();
        Assert.Equal(0, await repaired.RunAsync(["verify", "--repair", "--site", siteFile]));
        Assert.Contains("after repair 0 remain", repaired.OutputText, StringComparison.Ordinal);
        Assert.True(await container.GetBlobClient("posts/first/index.html").ExistsAsync());
    }

    [Fact]
    public async Task Serve_serves_the_sites_storage_with_the_static_websites_index_and_404()
    {
        var siteFile = await PublishedSiteAsync();
        var run = new CliRun();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var exit = run.RunAsync(["serve", "--site", siteFile, "--port", "0"], stop.Token);

        System.Text.RegularExpressions.Match ready;
        while (!(ready = System.Text.RegularExpressions.Regex.Match(run.OutputText, @"Serving the site at (?<url>http://\S+)")).Success)
        {
            Assert.False(exit.IsCompleted, run.OutputText + run.ErrorText);
            await Task.Delay(100);
        }

        using var http = new HttpClient { BaseAddress = new Uri(ready.Groups["url"].Value) };
        Assert.Contains("href=\"/posts/first/\"", await http.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("<h1>Second</h1>", await http.GetStringAsync("/posts/second/"), StringComparison.Ordinal);
        var missing = await http.GetAsync("/posts/no-such-post/");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await exit);
    }

    [Fact]
    public async Task Admin_install_puts_the_editor_in_the_static_website_signed_in_with_entra_and_verify_leaves_it_alone()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "first.md"), "---\ntitle: First\ndate: 2025-05-17\n---\nbody");
        var identity = new Dictionary<string, string?>
        {
            ["Identity:Authority"] = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
            ["Identity:Audience"] = "api://covalent-bond",
            ["Site:BaseUrl"] = "https://news.example/",
        };
        var siteFile = CliRun.SiteFile(azurite.ConnectionString, identity);
        Assert.Equal(0, await new CliRun().RunAsync(["publish", folder, "--site", siteFile]));
        var built = Directory.CreateDirectory(Path.Combine(folder, "dist"));
        Directory.CreateDirectory(Path.Combine(built.FullName, "chunks"));
        await File.WriteAllTextAsync(Path.Combine(built.FullName, "index.html"), "<!DOCTYPE html><title>Newsroom</title>");
        await File.WriteAllTextAsync(Path.Combine(built.FullName, "admin.js"), "import './chunks/editor-ABC.js';");
        await File.WriteAllTextAsync(Path.Combine(built.FullName, "chunks", "editor-ABC.js"), "export {};");
        await File.WriteAllTextAsync(Path.Combine(built.FullName, ".hidden"), "not for the site");

        // Refused before anything is written: an id that is not one, no https authority.
        var container = SiteContainer(siteFile);
        var bad = new CliRun();
        Assert.Equal(2, await bad.RunAsync(["admin", "install", "--client-id", "a b<", "--from", built.FullName, "--site", siteFile]));
        Assert.Contains("is not an application id", bad.ErrorText, StringComparison.Ordinal);
        var insecure = new CliRun();
        Assert.Equal(2, await insecure.RunAsync(["admin", "install", "--client-id", "abc", "--from", built.FullName,
            "--site", CliRun.SiteFile(azurite.ConnectionString, new Dictionary<string, string?>(identity) { ["Identity:Authority"] = "http://login.example/t/v2.0" })]));
        Assert.Contains("Identity:Authority (https)", insecure.ErrorText, StringComparison.Ordinal);
        Assert.False(await container.GetBlobClient("admin/index.html").ExistsAsync());

        var run = new CliRun();
        Assert.Equal(0, await run.RunAsync(["admin", "install", "--client-id", "0f1e2d3c-aaaa-bbbb-cccc-123456789abc", "--from", built.FullName, "--site", siteFile]));
        Assert.Contains("Open https://news.example/admin/", run.OutputText, StringComparison.Ordinal);

        var config = JsonDocument.Parse((await container.GetBlobClient("admin/config.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal("https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0", config.GetProperty("authority").GetString());
        Assert.Equal("0f1e2d3c-aaaa-bbbb-cccc-123456789abc", config.GetProperty("clientId").GetString());
        Assert.Equal("api://covalent-bond/Posts.ReadWrite", config.GetProperty("scopes")[0].GetString());
        Assert.Equal("https://news.example/", config.GetProperty("siteUrl").GetString());
        var page = await container.GetBlobClient("admin/index.html").GetPropertiesAsync();
        Assert.Equal("text/html; charset=utf-8", page.Value.ContentType);
        Assert.Equal("no-cache", page.Value.CacheControl);
        var chunk = await container.GetBlobClient("admin/chunks/editor-ABC.js").GetPropertiesAsync();
        Assert.Equal("text/javascript; charset=utf-8", chunk.Value.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", chunk.Value.CacheControl);
        Assert.False(await container.GetBlobClient("admin/.hidden").ExistsAsync());

        // The editor is no orphan to verify, and a repair keeps it.
        Assert.Equal(0, await new CliRun().RunAsync(["verify", "--repair", "--site", siteFile]));
        Assert.True(await container.GetBlobClient("admin/index.html").ExistsAsync());
    }

    private BlobContainerClient SiteContainer(string siteFile)
    {
        var json = JsonDocument.Parse(File.ReadAllText(siteFile));
        var name = json.RootElement.GetProperty("Storage").GetProperty("SiteContainer").GetString();
        return new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name);
    }
}
