using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Cli;
using Microsoft.Playwright;

namespace CovalentBond.Bench;

/// <summary>
/// The editor's live preview, as an author sees it: <c>covalent dev</c> on the samples, /admin in Debian's Chromium, a
/// 3,000-word story with 5 pictures, and one keystroke at a time. Each update is timed by the app itself (the User Timing
/// measure "covalent-preview": from the preview request to the new preview painted, the debounce not counted). The anchor,
/// alternating with it round by round: the same story built by <c>covalent build</c> (the text alone, and with its
/// pictures). Usage: dotnet run -c Release --project bench/CovalentBond.Bench -- preview [rounds] [edits per round]
/// </summary>
internal static partial class PreviewBench
{
    [GeneratedRegex(@"The site is ready: (?<url>http://localhost:\d+/)")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"curl -s '(?<issuer>http://127\.0\.0\.1:\d+)/local/token")]
    private static partial Regex IssuerLine();

    public static async Task RunAsync(string root, int rounds, int editsPerRound)
    {
        var work = Directory.CreateTempSubdirectory("covalent-preview-bench");
        var story = Story(3000);
        var pictures = Path.Combine(root, "samples", "posts", "2025-10-15-night-train");
        var withPictures = Directory.CreateDirectory(Path.Combine(work.FullName, "with-pictures", "long-story"));
        var textOnly = Directory.CreateDirectory(Path.Combine(work.FullName, "text-only"));
        await File.WriteAllTextAsync(Path.Combine(withPictures.FullName, "index.md"), story);
        await File.WriteAllTextAsync(Path.Combine(textOnly.FullName, "2026-12-01-long-story.md"), Regex.Replace(story, @"!\[[^\]]*\]\([^)]*\)\n", ""));
        for (var i = 1; i <= 5; i++)
        {
            File.Copy(Path.Combine(pictures, i % 2 == 0 ? "platform.jpg" : "cover.jpg"), Path.Combine(withPictures.FullName, $"picture-{i}.jpg"));
        }

        var output = new StringWriter();
        var synced = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var dev = CliApp.RunAsync(["dev", Path.Combine(root, "samples", "posts"), "--site", Path.Combine(root, "samples", "site.json"), "--port", "0"], synced, TextWriter.Null, stop.Token);
        Match ready;
        while (!(ready = ReadyLine().Match(Text(synced, output))).Success)
        {
            await Task.Delay(100);
        }

        var site = new Uri(ready.Groups["url"].Value);
        var issuer = IssuerLine().Match(Text(synced, output)).Groups["issuer"].Value;
        using var http = new HttpClient { BaseAddress = site };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new HttpClient().GetStringAsync($"{issuer}/local/token?role=Author"));
        for (var i = 1; i <= 5; i++)
        {
            using var upload = await http.PutAsync($"api/posts/long-story/media/picture-{i}.jpg", new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(withPictures.FullName, $"picture-{i}.jpg"))));
            upload.EnsureSuccessStatusCode();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(site, "/admin/").ToString());
        await page.Locator("main button.primary").ClickAsync();
        await page.GetByLabel("Local Author").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New post" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit the source" }).ClickAsync();
        await page.Locator(".body-editor .cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.InsertTextAsync(story);
        // The pictures were uploaded as long-story's (its title's slug): the preview shows them.
        await page.FrameLocator(".preview-frame").Locator(".post-body img[src^='/media/']").Nth(4).WaitForAsync();

        var previews = new List<double>();
        var buildsText = new List<double>();
        var buildsPictures = new List<double>();
        var apiOnly = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            await page.EvaluateAsync("() => performance.clearMeasures('covalent-preview')");
            for (var edit = 0; edit < editsPerRound; edit++)
            {
                await page.Locator(".body-editor .cm-content").PressAsync("End");
                await page.Keyboard.InsertTextAsync("x");
                // Past the 300 ms debounce and the update itself.
                await page.WaitForFunctionAsync($"() => performance.getEntriesByName('covalent-preview').length >= {edit + 1}", null, new() { Timeout = 10_000 });
            }

            previews.AddRange(await page.EvaluateAsync<double[]>("() => performance.getEntriesByName('covalent-preview').map(m => m.duration)"));

            // The server alone: the same request without the browser.
            var source = story + new string('x', (round + 1) * editsPerRound);
            var clock = Stopwatch.StartNew();
            using (var answer = await http.PostAsync("api/preview?slug=long-story", new StringContent(source, Encoding.UTF8, "text/markdown")))
            {
                answer.EnsureSuccessStatusCode();
                await answer.Content.ReadAsByteArrayAsync();
            }

            apiOnly.Add(clock.Elapsed.TotalMilliseconds);
            buildsText.Add(await BuildAsync(textOnly, work));
            buildsPictures.Add(await BuildAsync(withPictures.Parent!, work));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: preview median {Median(previews):0} ms so far; build (text) {buildsText[^1]:0} ms, build (pictures) {buildsPictures[^1]:0} ms"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Preview, request to painted ({previews.Count} updates): median {Median(previews):0} ms, p95 {Percentile(previews, 0.95):0} ms, max {previews.Max():0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"POST /api/preview alone ({apiOnly.Count}): median {Median(apiOnly):0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"covalent build of the story, text only ({buildsText.Count}): median {Median(buildsText):0} ms; with its 5 pictures: median {Median(buildsPictures):0} ms"));
        await stop.CancelAsync();
        await dev;
        work.Delete(recursive: true);
    }

    private static async Task<double> BuildAsync(DirectoryInfo content, DirectoryInfo work)
    {
        var output = Path.Combine(work.FullName, "out");
        var clock = Stopwatch.StartNew();
        var said = new StringWriter();
        var exit = await CliApp.RunAsync(["build", content.FullName, "--out", output], TextWriter.Null, said);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (exit != 0)
        {
            throw new InvalidOperationException($"covalent build exited {exit}: {said}");
        }

        Directory.Delete(output, recursive: true);
        return elapsed;
    }

    private static string Text(TextWriter synced, StringWriter output)
    {
        lock (synced)
        {
            return output.ToString();
        }
    }

    /// <summary>A story of about <paramref name="words"/> words in paragraphs and sections, with 5 pictures through it.</summary>
    private static string Story(int words)
    {
        string[] vocabulary = ["the", "train", "border", "night", "station", "ministry", "talks", "winter", "city", "tram", "bridge", "minister", "river", "power", "grid", "cold", "morning", "report", "officials", "said"];
        var random = new Random(29);
        var text = new StringBuilder("---\ntitle: Long story\ndate: 2026-12-01T08:00:00+01:00\nauthor: Michael K.\ntags: [Europe, Transport]\n---\n");
        var written = 0;
        var paragraph = 0;
        while (written < words)
        {
            if (paragraph % 6 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"## Part {paragraph / 6 + 1}\n\n");
            }

            if (paragraph % 9 == 4 && paragraph / 9 < 5)
            {
                text.Append(CultureInfo.InvariantCulture, $"![Picture {paragraph / 9 + 1} of the story](picture-{paragraph / 9 + 1}.jpg)\n\n");
            }

            var length = random.Next(40, 90);
            var sentence = string.Join(' ', Enumerable.Range(0, length).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            text.Append(char.ToUpperInvariant(sentence[0])).Append(sentence.AsSpan(1)).Append(".\n\n");
            written += length;
            paragraph++;
        }

        return text.ToString();
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
