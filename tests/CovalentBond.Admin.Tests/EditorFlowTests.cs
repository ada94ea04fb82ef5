using System.Net;
using System.Net.Http.Headers;
using CovalentBond.Testing;
using CovalentBond.Testing.Images;
using Microsoft.Playwright;

namespace CovalentBond.Admin.Tests;

/// <summary>
/// The whole newsroom flow in Chromium against <c>covalent dev</c>: a Contributor writes a story with a pasted picture,
/// sees it in the preview and submits it; an Editor returns it with a note, the Contributor submits it again, the Editor
/// approves it for a time ahead; the time comes (the test clock) and the article is on the site with its picture.
/// </summary>
[Trait("Category", "Browser")]
[Collection(DevSiteTests.Name)]
public sealed class EditorFlowTests(DevSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_contributors_story_goes_through_review_and_a_schedule_onto_the_site_with_its_picture()
    {
        using var images = new TestImages();
        var photo = await images.CameraJpegAsync(1600, 1200, "tram.jpg");

        // The Contributor writes, with a picture pasted in, and sees it in the preview.
        await using var contributor = await Newsroom.SignInAsync(browser, site, "Contributor");
        var page = contributor.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "New post" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Night trams return to Belgrade");
        Assert.Equal("night-trams-return-to-belgrade", await page.GetByLabel("Slug").InputValueAsync());
        await page.GetByLabel("Tags (comma-separated)").FillAsync("Serbia, Transport");
        await contributor.TypeInBodyAsync("The first night tram left the depot at midnight.\n\n");
        await contributor.PastePictureAsync(photo, "tram.jpg", "image/jpeg");
        await page.GetByLabel("Describe the picture", new() { Exact = false }).FillAsync("A tram at a stop under street lights");
        await page.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await page.GetByText("tram.jpg uploaded").WaitForAsync();
        Assert.Contains("![A tram at a stop under street lights](tram.jpg)", await page.Locator(".body-editor .cm-content").InnerTextAsync(), StringComparison.Ordinal);

        var preview = page.FrameLocator(".preview-frame");
        await Assertions.Expect(preview.Locator("h1")).ToHaveTextAsync("Night trams return to Belgrade");
        await Assertions.Expect(preview.Locator(".post-body img[alt='A tram at a stop under street lights']")).ToBeVisibleAsync();
        Assert.Contains("/media/", await preview.Locator(".post-body img").First.GetAttributeAsync("src") ?? "", StringComparison.Ordinal);

        // A Contributor has no button to publish, and submits for review.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".post-status .status")).ToHaveTextAsync("In review");
        Assert.Empty(contributor.Failures);
        Assert.Empty(contributor.Errors);

        // Nor does the API let a Contributor publish it: a save without the draft flag is refused.
        using var http = new HttpClient { BaseAddress = site.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await site.TokenAsync("Contributor"));
        using var direct = new HttpRequestMessage(HttpMethod.Put, "/api/posts/contributor-goes-live")
        {
            Content = new StringContent("---\ntitle: Straight to the front page\ndate: 2026-01-01\n---\nNo review.\n"),
        };
        direct.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var refused = await http.SendAsync(direct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/posts/contributor-goes-live/")).StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class DevSiteTests : ICollectionFixture<DevSite>
{
    public const string Name = "covalent dev with the editor";
}
