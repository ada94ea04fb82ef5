using CovalentBond.Cli;
using CovalentBond.Cli.Local;
using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Site.Tests;

/// <summary>
/// A post whose every field carries script payloads is built and opened in Chromium: no payload may run.
/// Each payload would set <c>window.__xss</c> or open a dialog if it ran.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ScriptPayloadTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string HostilePost = """
        ---
        title: "<script>window.__xss='title'</script><img src=x onerror=\"window.__xss='title-img'\">Hostile"
        date: 2025-05-20
        author: "</span><script>window.__xss='author'</script>"
        subtitle: "\"><svg onload=\"window.__xss='subtitle'\"></svg><script>alert('subtitle')</script>"
        tags: ["<svg onload=alert('tag')>", "\" onmouseover=\"window.__xss='tag-attr'", "javascript:alert('tag-link')"]
        slug: hostile
        ---
        <script>window.__xss = 'body-script'</script>

        <img src="x" onerror="window.__xss = 'body-img'">

        <svg/onload=alert('body-svg')>

        <details open ontoggle="window.__xss = 'body-details'">x</details>

        <iframe srcdoc="<script>parent.__xss = 'iframe'</script>"></iframe>

        <math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mutation'"></style></mglyph></table></mtext></math>

        <a href="jav&#x09;ascript:window.__xss='entity-link'">entity link</a>

        <a href="&#106;avascript:window.__xss='decimal-link'">decimal link</a>

        [markdown link](javascript:window.__xss='md-link')

        [upper-case link](JAVASCRIPT:window.__xss='md-upper')

        <form action="javascript:window.__xss='form'"><button>go</button></form>

        <a href="data:text/html,<script>alert('data')</script>">data link</a>
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("covalent-hostile-").FullName;
    private readonly string output = Directory.CreateTempSubdirectory("covalent-hostile-site-").FullName;
    private SiteServer? server;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "hostile.md"), HostilePost);
        var exit = await CliApp.RunAsync(
            ["build", folder, "--out", output, "--site", RepositoryPaths.Combine("samples", "site.json"), "--now", BuiltSite.Now],
            TextWriter.Null,
            TextWriter.Null);
        Assert.Equal(0, exit);
        server = await SiteServer.StartAsync(new FolderSiteStore(output), 0, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
        Directory.Delete(output, recursive: true);
    }

    [Theory]
    [InlineData("/posts/hostile/")]
    [InlineData("/")]
    [InlineData("/tags/")]
    [InlineData("/archives/2025/05/")]
    public async Task No_payload_runs(string path)
    {
        var page = await browser.Chromium.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        await page.GotoAsync(new Uri(server!.Url, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        // Hover and click everything a reader could, in case a handler waits for it.
        foreach (var element in await page.Locator("main a, main img, main svg, main details, .tags li").AllAsync())
        {
            await element.HoverAsync(new LocatorHoverOptions { Force = true, Timeout = 2000 });
        }

        foreach (var link in await page.Locator("main .post-body a").AllAsync())
        {
            var href = await link.GetAttributeAsync("href") ?? string.Empty;
            Assert.False(href.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), href);
            Assert.False(href.Trim().StartsWith("data:", StringComparison.OrdinalIgnoreCase), href);
        }

        await page.WaitForTimeoutAsync(300);
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("main script, main iframe, main form").CountAsync());
    }

    [Fact]
    public async Task The_payload_text_is_shown_as_text()
    {
        var page = await browser.Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server!.Url, "/posts/hostile/").ToString());

        Assert.Contains("<script>window.__xss='title'</script>", await page.Locator("main h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("<svg onload=alert('tag')>", await page.Locator(".tags").InnerTextAsync(), StringComparison.Ordinal);
    }
}
