using System.Net;
using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Admin.Tests;

/// <summary>/admin with the keyboard alone, under axe, and in German (its words from the theme's strings.de.json).</summary>
[Trait("Category", "Browser")]
[Collection(DevSiteTests.Name)]
public sealed class AccessibilityTests(DevSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Axe_finds_nothing_on_the_posts_list_the_editor_its_dialogs_and_the_review_panel()
    {
        await using var editor = await Newsroom.SignInAsync(browser, site, "Editor");
        var page = editor.Page;
        Assert.Empty(await editor.AxeViolationsAsync());

        await page.GotoAsync(new Uri(site.Url, "/admin/#/edit/night-train").ToString());
        await Assertions.Expect(page.FrameLocator(".preview-frame").Locator("h1")).ToContainTextAsync("The Night Train");
        Assert.Empty(await editor.AxeViolationsAsync());
        await page.GetByText("History").ClickAsync();
        await page.Locator(".revisions button").First.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync();
        Assert.Empty(await editor.AxeViolationsAsync());
        await page.Keyboard.PressAsync("Escape");

        // A post in review, as an Editor sees it: the review panel.
        await using var contributor = await Newsroom.SignInAsync(browser, site, "Contributor");
        await contributor.Page.GetByRole(AriaRole.Link, new() { Name = "New post" }).ClickAsync();
        await contributor.Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Axe in review");
        await contributor.TypeInBodyAsync("Checked by axe.");
        await contributor.Page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(contributor.Page.Locator(".post-status .status")).ToHaveTextAsync("In review");
        await page.GotoAsync(new Uri(site.Url, "/admin/#/edit/axe-in-review").ToString());
        await page.GetByRole(AriaRole.Heading, new() { Name = "Review", Exact = true }).WaitForAsync();
        Assert.Empty(await editor.AxeViolationsAsync());
        Assert.Empty(editor.Errors);
    }

    [Fact]
    public async Task An_author_writes_and_publishes_a_story_with_the_keyboard_alone()
    {
        await using var author = await Newsroom.SignInAsync(browser, site, "Author");
        var page = author.Page;
        var keyboard = page.Keyboard;

        async Task TabToAsync(string description, Func<Task<bool>> reached, bool back = false)
        {
            for (var presses = 0; presses < 40; presses++)
            {
                if (await reached())
                {
                    return;
                }

                await keyboard.PressAsync(back ? "Shift+Tab" : "Tab");
            }

            Assert.Fail($"Tab never reached {description}");
        }

        Task<bool> Focused(string selector) => page.EvaluateAsync<bool>($"() => document.activeElement?.matches({System.Text.Json.JsonSerializer.Serialize(selector)}) ?? false");
        Task<bool> FocusedText(string text) => page.EvaluateAsync<bool>($"() => document.activeElement?.textContent?.trim() === {System.Text.Json.JsonSerializer.Serialize(text)}");

        await TabToAsync("New post", () => FocusedText("New post"));
        await keyboard.PressAsync("Enter");
        await page.GetByLabel("Title", new() { Exact = true }).WaitForAsync();
        await TabToAsync("the title", () => Focused("#field-title"));
        await keyboard.TypeAsync("Keys only");
        await TabToAsync("the story", () => Focused(".cm-content"));
        await keyboard.TypeAsync("Written without a mouse. ");
        await keyboard.PressAsync("Control+b");
        await keyboard.TypeAsync("Bold");
        // Tab leaves the editor (no keyboard trap), and Shift+Tab comes back up to the controls.
        await keyboard.PressAsync("Tab");
        Assert.False(await Focused(".cm-content"));
        await TabToAsync("Publish now", () => FocusedText("Publish now"), back: true);
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".post-status .status")).ToHaveTextAsync("Published");

        using var http = new HttpClient();
        using var article = await http.GetAsync(new Uri(site.Url, "/posts/keys-only/"));
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        Assert.Contains("Written without a mouse. <strong>Bold</strong>", await article.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(author.Errors);
    }

    [Fact]
    public async Task A_person_whose_browser_asks_for_German_gets_the_interface_in_German()
    {
        await using var editor = await Newsroom.SignInAsync(browser, site, "Editor", locale: "de-DE");
        var page = editor.Page;

        Assert.Equal("de", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Neuer Beitrag" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Titel durchsuchen")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(site.Url, "/admin/#/edit/special-terms").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Aktualisieren" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Angaben")).ToBeVisibleAsync();
        Assert.Empty(await editor.AxeViolationsAsync());
    }
}

/// <summary>The editor as the README shows it: the story and its preview side by side.</summary>
[Trait("Category", "Browser")]
[Collection(DevSiteTests.Name)]
public sealed class ScreenshotTests(DevSite site, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_story_and_its_preview_stand_side_by_side_and_scroll_together()
    {
        await using var editor = await Newsroom.SignInAsync(browser, site, "Editor");
        var page = editor.Page;
        await page.GotoAsync(new Uri(site.Url, "/admin/#/edit/night-train").ToString());
        var preview = page.FrameLocator(".preview-frame");
        await Assertions.Expect(preview.Locator("figure.cover img")).ToBeVisibleAsync();

        var writing = (await page.Locator(".body-editor").BoundingBoxAsync())!;
        var shown = (await page.Locator(".preview-frame").BoundingBoxAsync())!;
        Assert.True(shown.X >= writing.X + writing.Width, $"the preview ({shown.X}) is not right of the editor ({writing.X + writing.Width})");
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-editor.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(path, RepositoryPaths.Combine("docs", "screenshots", "admin-editor.png"), overwrite: true);
        }

        Assert.Empty(editor.Errors);
    }

    [Fact]
    public async Task The_preview_follows_the_editor_to_the_section_it_shows()
    {
        await using var author = await Newsroom.SignInAsync(browser, site, "Author");
        var page = author.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "New post" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("A long story");
        var sections = Enumerable.Range(1, 6).Select(s =>
            $"## Part {s}\n\n" + string.Join("\n\n", Enumerable.Range(1, 8).Select(p => $"Paragraph {p} of part {s}, long enough to wrap over a line or two in the editor and the page."))).ToList();
        await page.Locator(".body-editor .cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync(string.Join("\n\n", sections) + "\n");
        var preview = page.FrameLocator(".preview-frame");
        await Assertions.Expect(preview.Locator(".post-body h2")).ToHaveCountAsync(6);

        // The editor scrolled to part 5: the preview shows part 5's heading near its top.
        await page.Locator(".body-editor .cm-scroller").EvaluateAsync("""
            s => {
              const line = [...s.querySelectorAll('.cm-line')].find(l => l.textContent === '## Part 5');
              s.scrollTop += line.getBoundingClientRect().top - s.getBoundingClientRect().top;
              s.dispatchEvent(new Event('scroll'));
            }
            """);
        await page.WaitForFunctionAsync("""
            () => {
              const frame = document.querySelector('.preview-frame');
              const heading = [...frame.contentDocument.querySelectorAll('.post-body h2')].find(h => h.textContent === 'Part 5');
              const top = heading.getBoundingClientRect().top;
              return top >= -40 && top < 120;
            }
            """);
        Assert.Empty(author.Errors);
    }
}
