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

        // The Editor finds it in review and returns it with a note.
        const string Slug = "night-trams-return-to-belgrade";
        await using var editor = await Newsroom.SignInAsync(browser, site, "Editor");
        var desk = editor.Page;
        await desk.GetByLabel("Status").SelectOptionAsync("in-review");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Night trams return to Belgrade" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Return with a note" }).ClickAsync();
        await desk.GetByLabel("Note for the author").FillAsync("Say when the day trams stop.");
        await desk.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Return with a note" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".post-status .status")).ToHaveTextAsync("Draft");

        // The Contributor sees the note, adds the line and submits again.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".review-note")).ToContainTextAsync("Say when the day trams stop.");
        await contributor.TypeInBodyAsync("\nDay trams stop at eleven.\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".post-status .status")).ToHaveTextAsync("In review");

        // The Editor approves it for a time ahead, in the site's zone: it is scheduled, not yet on the site.
        await desk.ReloadAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Review", Exact = true })).ToBeVisibleAsync();
        var siteZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade");
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(3), siteZone);
        await desk.GetByLabel("Publish at (the site's time", new() { Exact = false }).FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await desk.GetByRole(AriaRole.Button, new() { Name = "Approve for" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".post-status .status")).ToHaveTextAsync("Scheduled");
        using var http = new HttpClient { BaseAddress = site.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await site.TokenAsync("Editor"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/posts/{Slug}/")).StatusCode);
        var source = await (await http.GetAsync($"/api/posts/{Slug}/source")).Content.ReadAsStringAsync();
        Assert.Contains($"date: {at:yyyy-MM-dd'T'HH:mm}:00{at:zzz}", source, StringComparison.Ordinal);
        Assert.DoesNotContain("draft:", source, StringComparison.Ordinal);
        Assert.Contains("Day trams stop at eleven.", source, StringComparison.Ordinal);

        // Its time comes: the page is on the site with its picture, processed (a srcset of widths, no camera data).
        site.Clock.Advance(TimeSpan.FromHours(4));
        HttpResponseMessage article;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((article = await http.GetAsync($"/posts/{Slug}/")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            article.Dispose();
            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        var html = await article.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Night trams return to Belgrade</h1>", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"A tram at a stop under street lights\"", html, StringComparison.Ordinal);
        Assert.Matches("srcset=\"/media/[^\"]+ \\d+w", html);
        await using var reader = await Newsroom.OpenAsync(browser, new Uri(site.Url, $"/posts/{Slug}/"));
        // The picture loads lazily: brought into view, it loads (a broken one never would).
        await reader.Page.Locator(".post-body img").ScrollIntoViewIfNeededAsync();
        await reader.Page.WaitForFunctionAsync("() => { const img = document.querySelector('.post-body img'); return img.complete && img.naturalWidth > 0; }");
        Assert.Empty(editor.Failures);
        Assert.Empty(editor.Errors);
    }
}

/// <summary>What a Contributor may not do, in the interface and behind it.</summary>
[Trait("Category", "Browser")]
[Collection(DevSiteTests.Name)]
public sealed class ContributorTests(DevSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_contributor_has_no_button_to_publish_or_schedule_and_the_API_refuses_a_publish()
    {
        await using var contributor = await Newsroom.SignInAsync(browser, site, "Contributor");
        var page = contributor.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "New post" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Straight to the front page");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".save-status")).ToHaveTextAsync("Saved", new() { Timeout = 15_000 });

        // A file that only claims to be a picture is refused with the pipeline's reason, and nothing is inserted.
        await contributor.PastePictureAsync("not a picture at all"u8.ToArray(), "bogus.png", "image/png");
        await page.GetByLabel("Describe the picture", new() { Exact = false }).FillAsync("Nothing");
        await page.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Assertions.Expect(page.Locator("#announcer")).ToContainTextAsync("bogus.png was refused");
        Assert.DoesNotContain("bogus.png", await page.Locator(".body-editor .cm-content").InnerTextAsync(), StringComparison.Ordinal);

        // Offline, the text is kept in the browser and the status says so; back online, it saves.
        await page.Context.SetOfflineAsync(true);
        await contributor.TypeInBodyAsync("Written on the train.");
        await Assertions.Expect(page.Locator(".save-status")).ToHaveTextAsync("Offline: kept in this browser", new() { Timeout = 15_000 });
        Assert.Contains("Written on the train.", await page.EvaluateAsync<string>("() => localStorage.getItem('covalent-admin:straight-to-the-front-page')"), StringComparison.Ordinal);
        await page.Context.SetOfflineAsync(false);
        await contributor.TypeInBodyAsync(" Back in range.");
        await Assertions.Expect(page.Locator(".save-status")).ToHaveTextAsync("Saved", new() { Timeout = 15_000 });

        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync());
        // The posts list offers a Contributor their own posts only: no "All".
        await page.GotoAsync(new Uri(site.Url, "/admin/#/posts").ToString());
        await page.GetByRole(AriaRole.Heading, new() { Name = "Posts" }).WaitForAsync();
        Assert.Equal(0, await page.GetByLabel("All", new() { Exact = true }).CountAsync());

        // Behind the interface, the API refuses the publish a script would try, and nothing reaches the site.
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
        // The autosaved draft is a draft: not on the site either.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/posts/straight-to-the-front-page/")).StatusCode);
        using var approve = await http.PostAsync("/api/posts/special-terms/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class DevSiteTests : ICollectionFixture<DevSite>
{
    public const string Name = "covalent dev with the editor";
}
