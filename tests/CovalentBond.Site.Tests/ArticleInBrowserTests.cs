using System.Net;
using System.Text.Json;
using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Site.Tests;

[Trait("Category", "Browser")]
[Collection(BuiltSiteTests.Name)]
public sealed class ArticleInBrowserTests(BuiltSite site, Browser browser) : IClassFixture<Browser>
{
    private async Task<(IPage Page, List<string> ConsoleErrors)> OpenAsync(string path)
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 1400 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        var response = await page.GotoAsync(new Uri(site.Url, path).ToString());
        Assert.Equal(200, response!.Status);
        return (page, errors);
    }

    [Fact]
    public async Task An_article_shows_title_date_author_subtitle_tags_body_and_latest_news_in_that_order()
    {
        var (page, consoleErrors) = await OpenAsync("/posts/istanbul-talks-reach-deadlock/");

        Assert.Equal("Diplomatic farce: Istanbul talks reach deadlock", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal("5/20/25", await page.Locator(".post-meta time").First.InnerTextAsync());
        Assert.Equal("Michael K.", await page.Locator(".byline .author").InnerTextAsync());
        Assert.StartsWith("Phone calls between capitals", await page.Locator(".subtitle").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["Ukraine", "Russia", "USA", "Europe", "EU", "Türkiye"], await page.Locator(".tags a").AllInnerTextsAsync());
        Assert.StartsWith("On May 20, 2025", await page.Locator(".post-body p").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Latest news", await page.Locator(".latest-news h2").InnerTextAsync());

        // Document order, as a reader scrolls.
        var order = await page.EvaluateAsync<int[]>("""
            selectors => {
              const all = [...document.querySelectorAll('*')];
              return selectors.map(s => all.indexOf(document.querySelector(s)));
            }
            """, new[] { "main h1", ".post-meta time", ".byline", ".subtitle", ".tags", ".post-body", ".latest-news", "footer" });
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);

        // The latest-news list: newest first, each entry a date, a linked title and a subtitle; not this article.
        var latest = await page.Locator(".latest-news li a").AllInnerTextsAsync();
        Assert.Equal("Tomahawk as Threat and Bluff: What Was Actually Said — and What It Changes", latest[0]);
        Assert.DoesNotContain("Diplomatic farce: Istanbul talks reach deadlock", latest);
        Assert.Equal(await page.Locator(".latest-news li").CountAsync(), await page.Locator(".latest-news li time").CountAsync());

        Assert.Empty(consoleErrors);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("article.png"), FullPage = false });
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(ScreenshotPath("article.png"), RepositoryPaths.Combine("docs", "screenshots", "article.png"), overwrite: true);
        }
    }

    [Fact]
    public async Task Tag_links_lead_to_existing_tag_pages_that_list_the_article()
    {
        var (page, _) = await OpenAsync("/posts/istanbul-talks-reach-deadlock/");
        var hrefs = await page.Locator(".tags a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

        using var http = new HttpClient { BaseAddress = site.Url };
        foreach (var href in hrefs)
        {
            var response = await http.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href}: {response.StatusCode}");
            Assert.Contains("href=\"/posts/istanbul-talks-reach-deadlock/\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await page.Locator(".tags a", new PageLocatorOptions { HasText = "Türkiye" }).ClickAsync();
        Assert.EndsWith("/tags/turkiye/", page.Url, StringComparison.Ordinal);
        Assert.Equal("Türkiye", await page.Locator("main h1").InnerTextAsync());
    }

    [Theory]
    [InlineData("/posts/istanbul-talks-reach-deadlock/")]
    [InlineData("/posts/night-train/")]
    [InlineData("/")]
    [InlineData("/authors/michael-k/")]
    [InlineData("/authors/michael-k/page/1/")]
    [InlineData("/corrections/")]
    [InlineData("/posts/special-terms/")]
    public async Task Axe_finds_no_accessibility_violations(string path)
    {
        var (page, consoleErrors) = await OpenAsync(path);

        // Evaluated through the browser's debugging protocol: a <script> tag added to the page would be blocked by the page's
        // own Content-Security-Policy (script-src 'none'), as a reader's browser blocks any script.
        await page.EvaluateAsync(await File.ReadAllTextAsync(RepositoryPaths.Combine("node_modules", "axe-core", "axe.min.js")) + "\n;true");
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }))
            """);

        Assert.True(violations.GetArrayLength() == 0, violations.ToString());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Pages_read_without_JavaScript()
    {
        await using var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Url, "/posts/peace-pause-on-hold/").ToString());

        Assert.Equal("Peace Pause on Hold", await page.Locator("main h1").InnerTextAsync());
        Assert.True(await page.Locator(".latest-news li").CountAsync() > 0);
    }

    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
