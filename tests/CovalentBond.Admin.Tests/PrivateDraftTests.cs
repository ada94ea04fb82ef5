using System.Net;
using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Admin.Tests;

/// <summary>Edits of a published story are kept as the editor's private draft: not on the site until "Update", and offered back on another device.</summary>
[Trait("Category", "Browser")]
[Collection(DevSiteTests.Name)]
public sealed class PrivateDraftTests(DevSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_edit_of_a_published_story_waits_in_a_private_draft_and_follows_its_writer_to_another_browser()
    {
        using var http = new HttpClient { BaseAddress = site.Url };
        await using (var laptop = await Newsroom.SignInAsync(browser, site, "Editor"))
        {
            await laptop.Page.GotoAsync(new Uri(site.Url, "/admin/#/edit/alaska-august-15").ToString());
            await laptop.Page.GetByRole(AriaRole.Button, new() { Name = "Update" }).WaitForAsync();
            await laptop.TypeInBodyAsync("\nA line written on the laptop.\n");
            await Assertions.Expect(laptop.Page.Locator(".save-status")).ToHaveTextAsync("Saved as your private draft", new() { Timeout = 15_000 });
            Assert.DoesNotContain("A line written on the laptop.", await http.GetStringAsync("/posts/alaska-august-15/"), StringComparison.Ordinal);
        }

        // Another browser (nothing kept in it): the draft is offered with its differences, taken, and published.
        await using var phone = await Newsroom.SignInAsync(browser, site, "Editor");
        await phone.Page.GotoAsync(new Uri(site.Url, "/admin/#/edit/alaska-august-15").ToString());
        var offer = phone.Page.GetByRole(AriaRole.Dialog, new() { Name = "You have a private draft of this post", Exact = false });
        await Assertions.Expect(offer.Locator("td.new")).ToContainTextAsync(["A line written on the laptop."]);
        await offer.GetByRole(AriaRole.Button, new() { Name = "Use it" }).ClickAsync();
        await Assertions.Expect(phone.Page.Locator(".body-editor .cm-content")).ToContainTextAsync("A line written on the laptop.");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(phone.Page.Locator(".save-status")).ToHaveTextAsync("Saved");

        Assert.Contains("A line written on the laptop.", await http.GetStringAsync("/posts/alaska-august-15/"), StringComparison.Ordinal);
        // Published, the draft is gone.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await site.TokenAsync("Editor"));
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync("/api/drafts/alaska-august-15")).StatusCode);
        Assert.Empty(phone.Errors);
    }
}
