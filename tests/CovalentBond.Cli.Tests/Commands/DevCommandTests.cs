using System.Net;
using System.Text.RegularExpressions;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed partial class DevCommandTests
{
    [GeneratedRegex(@"The site is ready: (?<url>http://localhost:\d+/)")]
    private static partial Regex ReadyLine();

    [Fact]
    public async Task Dev_publishes_the_samples_into_its_own_Azurite_and_serves_them_at_the_printed_URL()
    {
        var run = new CliRun();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var samples = RepositoryPaths.Combine("samples", "posts");
        var exit = run.RunAsync(["dev", samples, "--site", RepositoryPaths.Combine("samples", "site.json"), "--port", "0"], stop.Token);

        Match ready;
        while (!(ready = ReadyLine().Match(run.OutputText)).Success)
        {
            Assert.False(exit.IsCompleted, $"dev ended early ({(exit.IsCompleted ? await exit : -1)}): {run.OutputText}{run.ErrorText}");
            await Task.Delay(100);
        }

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(ready.Groups["url"].Value) };
        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("text/html; charset=utf-8", home.Content.Headers.ContentType!.ToString());
        var homeHtml = await home.Content.ReadAsStringAsync();

        // Every sample post is listed on the home page and has its own page.
        var files = Directory.GetFiles(samples, "*.md");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var slug = Regex.Replace(Path.GetFileNameWithoutExtension(file), @"^\d{4}-\d{2}-\d{2}-", string.Empty);
            Assert.Contains($"href=\"/posts/{slug}/\"", homeHtml, StringComparison.Ordinal);
            var page = await http.GetAsync($"/posts/{slug}/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<article", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Older articles were refreshed: the oldest post's latest news lists the newest one.
        var oldest = await http.GetStringAsync("/posts/peace-pause-on-hold/");
        Assert.Contains("href=\"/posts/tomahawk-threat-and-bluff/\"", oldest, StringComparison.Ordinal);

        // The static website's behaviour: folder redirect and the 404 page.
        var noSlash = await http.GetAsync("/posts/special-terms");
        Assert.Equal(HttpStatusCode.MovedPermanently, noSlash.StatusCode);
        Assert.Equal("/posts/special-terms/", noSlash.Headers.Location!.ToString());
        var missing = await http.GetAsync("/posts/no-such-post/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The API on the same address, behind sign-in as on Azure: anonymous calls get 401, a token from the local
        // issuer's role picker gets what its role allows.
        using var anonymous = await http.PutAsync("/api/posts/from-dev", new StringContent("---\ntitle: From dev\ndate: 2025-06-01\n---\nbody"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        var tokenCommand = TokenLine().Match(run.OutputText);
        Assert.True(tokenCommand.Success, run.OutputText);
        var token = await http.GetStringAsync(tokenCommand.Groups["url"].Value.Replace("role=Editor", "role=Author", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/posts/from-dev")
        {
            Content = new StringContent("---\ntitle: From dev\ndate: 2025-06-01\n---\nbody"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/posts/from-dev/")).StatusCode);

        // A story dated months back lands on a settled month's page: on Azure that is purged from Front Door; dev has no CDN and says what it would purge.
        Assert.Contains("No CDN in covalent dev; on Azure this would purge", run.OutputText, StringComparison.Ordinal);
        Assert.Matches(@"would purge \d+ addresses from Front Door: .*/posts/from-dev/ .*/archives/2025/06/", run.OutputText);

        // Pages carry their lifetimes and a validator: the home page is fresh; a browser revalidating the copy it had before
        // the new story gets the new page, and revalidating that one gets 304.
        Assert.Equal("public, max-age=0, s-maxage=30", home.Headers.CacheControl!.ToString());
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/");
        stale.Headers.IfNoneMatch.Add(home.Headers.ETag!);
        using var changed = await http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("From dev", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/");
        revalidate.Headers.IfNoneMatch.Add(changed.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(revalidate)).StatusCode);
        using var republish = new HttpRequestMessage(HttpMethod.Post, "/api/site/republish");
        republish.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(republish)).StatusCode);

        // The editor beside them, configured to sign in at the local issuer, under its own CSP.
        Assert.Contains($"The editor is at {ready.Groups["url"].Value}admin/", run.OutputText, StringComparison.Ordinal);
        using var editor = await http.GetAsync("/admin/");
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.Contains("script-src 'self'", editor.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var config = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/admin/config.json")).RootElement;
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/[0-9a-f-]+/v2\.0$", config.GetProperty("authority").GetString());
        Assert.Equal(ready.Groups["url"].Value, config.GetProperty("siteUrl").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin/..%2F..%2Fsite.json")).StatusCode);

        await stop.CancelAsync();
        Assert.Equal(0, await exit);
    }

    [GeneratedRegex(@"curl -s '(?<url>http://127\.0\.0\.1:\d+/local/token\?role=Editor)'")]
    private static partial Regex TokenLine();

    [Fact]
    public async Task Dev_with_a_missing_folder_says_so_and_exits_2()
    {
        var run = new CliRun();

        var exit = await run.RunAsync(["dev", "/no/such/folder"]);

        Assert.Equal(2, exit);
        Assert.Contains("'/no/such/folder' does not exist", run.ErrorText, StringComparison.Ordinal);
    }
}
