using System.Net;
using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Admin.Tests;

/// <summary>Two editors change the same story at once: the second is told who changed it, sees both texts, and loses nothing.</summary>
[Trait("Category", "Browser")]
[Collection(DevSiteTests.Name)]
public sealed class ConflictTests(DevSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_second_editor_to_save_is_shown_who_changed_it_and_the_differences_and_both_edits_reach_the_page()
    {
        await using var first = await Newsroom.SignInAsync(browser, site, "Editor");
        await using var second = await Newsroom.SignInAsync(browser, site, "Editor");
        foreach (var editor in new[] { first, second })
        {
            await editor.Page.GotoAsync(new Uri(site.Url, "/admin/#/edit/special-terms").ToString());
            await editor.Page.GetByRole(AriaRole.Button, new() { Name = "Update" }).WaitForAsync();
        }

        await first.TypeInBodyAsync("\nA line from the first editor.\n");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(first.Page.Locator(".save-status")).ToHaveTextAsync("Saved");

        await second.TypeInBodyAsync("\nA line from the second editor.\n");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        var conflict = second.Page.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this post" });
        await Assertions.Expect(conflict).ToContainTextAsync("Local Editor");
        await Assertions.Expect(conflict).ToContainTextAsync("nothing was overwritten");

        // The differences: their line on their side, mine on mine.
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Show the differences" }).ClickAsync();
        var differences = second.Page.GetByRole(AriaRole.Dialog, new() { Name = "Show the differences" });
        await Assertions.Expect(differences.Locator("td.new")).ToContainTextAsync(["A line from the second editor."]);
        Assert.Contains("A line from the first editor.", await differences.Locator("table.diff").InnerTextAsync(), StringComparison.Ordinal);
        await differences.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // Their version opened; mine kept in this browser; my line added again and saved on top of theirs.
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Open their version" }).ClickAsync();
        await Assertions.Expect(second.Page.Locator(".body-editor .cm-content")).ToContainTextAsync("A line from the first editor.");
        var kept = await second.Page.EvaluateAsync<string>("() => localStorage.getItem('covalent-admin:special-terms:yours')");
        Assert.Contains("A line from the second editor.", kept, StringComparison.Ordinal);
        await second.TypeInBodyAsync("\nA line from the second editor.\n");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(second.Page.Locator(".save-status")).ToHaveTextAsync("Saved");

        using var http = new HttpClient();
        var page = await http.GetStringAsync(new Uri(site.Url, "/posts/special-terms/"));
        Assert.Contains("A line from the first editor.", page, StringComparison.Ordinal);
        Assert.Contains("A line from the second editor.", page, StringComparison.Ordinal);

        // The history lists both saves, by whom.
        await second.Page.GetByText("History").ClickAsync();
        await Assertions.Expect(second.Page.Locator(".revisions li").Filter(new() { HasText = "by Local Editor" })).ToHaveCountAsync(2);

        // The first version, compared side by side and restored: a new revision, and the page as it was.
        var oldest = second.Page.Locator(".revisions li").Last;
        await oldest.GetByRole(AriaRole.Button, new() { Name = "Compare with the current version" }).ClickAsync();
        var compared = second.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(compared.Locator("td.new")).ToContainTextAsync(["A line from the first editor.", "A line from the second editor."]);
        await compared.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await oldest.GetByRole(AriaRole.Button, new() { Name = "Restore this version" }).ClickAsync();
        await Assertions.Expect(second.Page.Locator(".body-editor .cm-content")).Not.ToContainTextAsync("A line from the first editor.");
        var restored = await http.GetStringAsync(new Uri(site.Url, "/posts/special-terms/"));
        Assert.DoesNotContain("A line from the first editor.", restored, StringComparison.Ordinal);
        Assert.DoesNotContain("A line from the second editor.", restored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(site.Url, "/posts/special-terms/"))).StatusCode);
        Assert.Empty(first.Errors);
        Assert.Empty(first.Failures);
        Assert.Empty(second.Errors);
        Assert.Equal([$"412 PUT {new Uri(site.Url, "/api/posts/special-terms")}"], second.Failures);
    }
}
