using System.Text;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>
/// A long-form report with raw HTML is accepted (issue 26, finding 5): the sanitizer works in linear time, so the cap on a
/// body's rendered HTML is 2 MiB (it was 256 KiB, and a 0.6 MiB report was refused).
/// </summary>
public sealed class LongReportTests
{
    private static string Report(int bytes)
    {
        var text = new StringBuilder("Introduction.\n\n");
        for (var i = 1; text.Length < bytes; i++)
        {
            text.Append($"<h2 id=\"s{i}\">Section {i}</h2>\n\n<p>Paragraph {i}, with <a href=\"https://example.com/{i}\">a source</a> and <em>emphasis</em>.</p>\n\n");
            text.Append($"<table><tr><th>Year</th><th>Value</th></tr><tr><td>2025</td><td>{i}</td></tr></table>\n\n");
        }

        return text.ToString();
    }

    [Fact]
    public void A_report_of_600_KiB_with_raw_html_renders_within_the_budget_and_the_cap()
    {
        var markdown = Report(600 * 1024);
        var renderer = new MarkdownRenderer();
        // As in a host, whose warm-up post compiles the render path outside any budget: the budget is for rendering, not the JIT.
        renderer.Render(Report(16 * 1024), 5, out _);

        var body = renderer.Render(markdown, 5, out var problem, deadline: new CpuDeadline(PostLimits.RenderBudget));

        Assert.Null(problem);
        Assert.True(Encoding.UTF8.GetByteCount(body.Html) > 500 * 1024);
    }

    [Fact]
    public void Html_past_the_cap_is_refused_naming_the_cap()
    {
        var problem = BodyLimits.CheckHtml(string.Concat(Enumerable.Repeat("<p>words and words</p>\n", (PostLimits.SanitizedHtmlBytes / 23) + 10)), 5);

        Assert.NotNull(problem);
        Assert.Contains("at most 2,048 KiB", problem.Message, StringComparison.Ordinal);
    }
}
