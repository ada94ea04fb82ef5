using System.Diagnostics;
using System.Globalization;
using System.Text;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Bench;

/// <summary>
/// The sanitizer's time against the size of a body's raw HTML (issue 26): a long-form report of paragraphs, tables,
/// links and figures, with a few things to remove, at each size; median of five runs a size, after a warm-up. Linear
/// time means the time per KiB stays flat as the size doubles.
/// </summary>
internal static class SanitizerBench
{
    private static string Report(int bytes)
    {
        var block = new StringBuilder();
        var i = 0;
        while (block.Length < bytes)
        {
            i++;
            block.Append(CultureInfo.InvariantCulture, $"<h2 id=\"s{i}\">Section {i}</h2>\n<p>Paragraph {i} of the report, with <a href=\"https://example.com/{i}\">a source</a>, <em>emphasis</em> and <strong>figures</strong>: 12.5% against 9.1%.</p>\n");
            block.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>Year</th><th>Value</th></tr></thead><tbody><tr><td>2024</td><td>{i}</td></tr><tr><td>2025</td><td>{i + 1}</td></tr></tbody></table>\n");
            block.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"/media/chart-{i}.png\" alt=\"Chart {i}\"><figcaption>Chart {i}</figcaption></figure>\n");
            if (i % 50 == 0 && (Environment.GetEnvironmentVariable("FEW_REMOVALS") is null || i == 50))
            {
                block.Append("<p style=\"color: red\" onclick=\"x()\">Removed things.</p><script>alert(1)</script>\n");
            }
        }

        return block.ToString();
    }

    /// <summary>A whole body's render (Markdig, the walk, the sanitizer, the writer) by source size, in the rendering thread's CPU time.</summary>
    public static void RunRender(IReadOnlyList<int> kibs)
    {
        var renderer = new MarkdownRenderer();
        var warm = Report(64 * 1024);
        renderer.Render(warm, 1, out _, deadline: new CpuDeadline(TimeSpan.FromMinutes(5)));
        Console.WriteLine("source KiB | rendered KiB | median CPU ms | problem");
        foreach (var kib in kibs)
        {
            // Each block its own HTML block, as an author or an import writes a long report; TABLES=1: Markdown tables (which
            // double in size as HTML) and one raw element, so the whole body goes through the sanitizer.
            var markdown = Environment.GetEnvironmentVariable("TABLES") is not null
                ? "<div>raw</div>\n\n" + string.Concat(Enumerable.Repeat("| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |\n\n", kib * 1024 / 92))
                : Report(kib * 1024).Replace(">\n<h2", ">\n\n<h2", StringComparison.Ordinal).Replace("</p>\n<table>", "</p>\n\n<table>", StringComparison.Ordinal).Replace("</table>\n<figure>", "</table>\n\n<figure>", StringComparison.Ordinal);
            var times = new List<double>();
            string? problem = null;
            var rendered = 0;
            for (var run = 0; run < 5; run++)
            {
                var cpu = ThreadCpuClock.Now();
                var body = renderer.Render(markdown, 1, out var refused, deadline: new CpuDeadline(TimeSpan.FromMinutes(5)));
                times.Add(((ThreadCpuClock.Now() - cpu) ?? TimeSpan.Zero).TotalMilliseconds);
                problem = refused?.Message;
                rendered = Encoding.UTF8.GetByteCount(body.Html) / 1024;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kib,10} | {rendered,12} | {times.Order().ElementAt(2),13:F0} | {problem}"));
        }
    }

    public static void Run(IReadOnlyList<int> kibs)
    {
        var sanitizer = new BodySanitizer(EmbedPolicy.Default);
        var warm = Report(64 * 1024);
        sanitizer.Sanitize(warm, warm, 1, []);
        Console.WriteLine("size KiB | median ms | ms per KiB | warnings");
        foreach (var kib in kibs)
        {
            var html = Report(kib * 1024);
            var times = new List<double>();
            var warnings = new List<PostProblem>();
            for (var run = 0; run < 5; run++)
            {
                warnings.Clear();
                var started = Stopwatch.GetTimestamp();
                sanitizer.Sanitize(html, html, 1, warnings);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var median = times.Order().ElementAt(2);
            if (Environment.GetEnvironmentVariable("PARSE_ONLY") is not null)
            {
                var parser = new AngleSharp.Html.Parser.HtmlParser();
                var started = Stopwatch.GetTimestamp();
                var document = parser.ParseDocument("<html><body>" + html);
                var parsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                var all = document.Body!.QuerySelectorAll("*").ToList();
                var walked = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                var text = document.Body.InnerHtml;
                var written = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                using var writer = new StringWriter(new StringBuilder(html.Length + 1024), CultureInfo.InvariantCulture);
                foreach (var node in document.Body.ChildNodes)
                {
                    node.ToHtml(writer, AngleSharp.Html.HtmlMarkupFormatter.Instance);
                }

                var streamed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   parse {parsed:F0} ms, walk {walked:F0} ms ({all.Count} elements), write {written:F0} ms, streamed {streamed:F0} ms ({writer.ToString().Length == text.Length})"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kib,8} | {median,9:F0} | {median / kib,10:F2} | {warnings.Count}"));
        }
    }
}
