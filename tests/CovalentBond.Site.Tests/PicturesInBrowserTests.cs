using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Site.Tests;

/// <summary>
/// The sample article with a hero and an inline photo (samples/posts/2025-10-15-night-train), in Chromium at a
/// phone's and a desktop's width: which candidate the browser picked, and that nothing moved while images loaded.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BuiltSiteTests.Name)]
public sealed class PicturesInBrowserTests(BuiltSite site, Browser browser) : IClassFixture<Browser>
{
    private const string Article = "/posts/night-train/";

    /// <summary>Sums every layout shift of the page into <c>window.__shift</c> (the Cumulative Layout Shift, unwindowed).</summary>
    private const string SumLayoutShifts = """
        window.__shift = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
          .observe({ type: 'layout-shift', buffered: true });
        """;

    [Theory]
    [InlineData(400, 640)]
    [InlineData(1400, 960)]
    public async Task The_browser_picks_the_smallest_sufficient_avif_and_nothing_shifts(int viewport, int expectedWidth)
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = viewport, Height = 900 }, DeviceScaleFactor = 1 });
        await page.AddInitScriptAsync(SumLayoutShifts);
        var response = await page.GotoAsync(new Uri(site.Url, Article).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.Equal(200, response!.Status);

        // The inline photo loads lazily: bring it into view, then wait for every image to finish.
        await page.Locator(".post-body picture img").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");

        var images = (await page.Locator("img").EvaluateAllAsync<System.Text.Json.JsonElement>("""
            imgs => imgs.map(i => ({ src: i.currentSrc, width: i.getAttribute('width'), height: i.getAttribute('height'),
                                    loading: i.getAttribute('loading'), priority: i.getAttribute('fetchpriority') }))
            """)).EnumerateArray().Select(e => new ImageState(
                e.GetProperty("src").GetString()!, e.GetProperty("width").GetString(), e.GetProperty("height").GetString(),
                e.GetProperty("loading").GetString(), e.GetProperty("priority").GetString())).ToArray();
        Assert.Equal(2, images.Length);
        Assert.All(images, i => Assert.False(string.IsNullOrEmpty(i.Width) || string.IsNullOrEmpty(i.Height), $"{i.Src} has no width or height"));
        Assert.All(images, i => Assert.EndsWith($"-{expectedWidth}.avif", i.Src, StringComparison.Ordinal));
        Assert.Contains("/cover-", images[0].Src, StringComparison.Ordinal);
        Assert.Equal("high", images[0].Priority);
        Assert.Null(images[0].Loading);
        Assert.Equal("lazy", images[1].Loading);

        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.__shift"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_home_page_shows_the_heros_thumbnail_decoratively_without_moving_anything()
    {
        var page = await browser.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 }, DeviceScaleFactor = 1 });
        await page.AddInitScriptAsync(SumLayoutShifts);
        await page.GotoAsync(new Uri(site.Url, "/").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var thumb = page.Locator(".post-list .thumb img");
        await thumb.First.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");

        Assert.Equal(1, await thumb.CountAsync());
        Assert.Equal(string.Empty, await thumb.GetAttributeAsync("alt"));
        Assert.NotNull(await thumb.GetAttributeAsync("width"));
        Assert.EndsWith("-320.avif", await thumb.EvaluateAsync<string>("i => i.currentSrc"), StringComparison.Ordinal);
        Assert.Equal("The Night Train: Twelve Hours Between Two Capitals", await page.Locator(".post-list li:has(.thumb) a").InnerTextAsync());
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.__shift"));
        await page.CloseAsync();
    }

    private sealed record ImageState(string Src, string? Width, string? Height, string? Loading, string? Priority);
}
