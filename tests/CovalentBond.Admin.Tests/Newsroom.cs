using System.Text.Json;
using CovalentBond.Testing;
using Microsoft.Playwright;

namespace CovalentBond.Admin.Tests;

/// <summary>A person at /admin in their own browser context: signed in through the local issuer's role picker.</summary>
public sealed class Newsroom : IAsyncDisposable
{
    private readonly IBrowserContext context;

    private Newsroom(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.PageError += (_, error) => Errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Failures.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            Console.Add($"{message.Type}: {message.Text}");
            // A refused request is in Failures, with its address.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Script errors and console errors the page showed (refused requests are in <see cref="Failures"/>).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Answers of 400 and above the page received (a refusal the test asked for is expected there).</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Everything the page wrote to its console.</summary>
    public List<string> Console { get; } = [];

    /// <summary>Opens /admin, signs in as the local person of <paramref name="role"/> and waits for the posts list.</summary>
    /// <param name="browser">The browser.</param>
    /// <param name="site">covalent dev.</param>
    /// <param name="role">Contributor, Author, Editor or Admin.</param>
    /// <param name="locale">The languages the browser asks for.</param>
    public static async Task<Newsroom> SignInAsync(Browser browser, DevSite site, string role, string locale = "en-US")
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = locale,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var newsroom = new Newsroom(context, page);
        await page.GotoAsync(new Uri(site.Url, "/admin/").ToString());
        await page.Locator("main button.primary").ClickAsync();
        try
        {
            // The local issuer's page: the role picker stands in for a password.
            await page.GetByLabel($"Local {role}").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByText($"Local {role} (").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            var debug = await page.EvaluateAsync<string>("() => JSON.stringify({ res: performance.getEntriesByType('resource').map(r => r.name), ss: Object.keys(sessionStorage), ls: Object.keys(localStorage) })");
            newsroom.Console.Add(debug);
            throw new TimeoutException($"Signing in as {role} stopped at {page.Url}: {await page.Locator("body").InnerTextAsync()} (errors: {string.Join("; ", newsroom.Errors)}; console: {string.Join("; ", newsroom.Console)})", ex);
        }

        await page.Locator("main h1").WaitForAsync();
        return newsroom;
    }

    /// <summary>A reader's page, no one signed in.</summary>
    public static async Task<Newsroom> OpenAsync(Browser browser, Uri address)
    {
        var context = await browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(address.ToString());
        return new Newsroom(context, page);
    }

    /// <summary>axe's violations on the page as it is now: id, impact and where.</summary>
    public async Task<string[]> AxeViolationsAsync()
    {
        await Page.EvaluateAsync(await File.ReadAllTextAsync(RepositoryPaths.Combine("node_modules", "axe-core", "axe.min.js")) + "\n;true");
        var violations = await Page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document)).violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    /// <summary>Types into the story's editor (CodeMirror) at its end.</summary>
    public async Task TypeInBodyAsync(string text)
    {
        var editor = Page.Locator(".body-editor .cm-content");
        await editor.ClickAsync();
        await Page.Keyboard.PressAsync("Control+End");
        await Page.Keyboard.TypeAsync(text);
    }

    /// <summary>Pastes a picture into the story's editor, as a person pasting from the clipboard does.</summary>
    public async Task PastePictureAsync(byte[] bytes, string name, string type)
    {
        await Page.Locator(".body-editor .cm-content").ClickAsync();
        await Page.Keyboard.PressAsync("Control+End");
        await Page.EvaluateAsync("""
            ([data, name, type]) => {
              const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type }));
              const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
              document.querySelector('.body-editor .cm-content').dispatchEvent(event);
            }
            """, new object[] { Convert.ToBase64String(bytes), name, type });
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
