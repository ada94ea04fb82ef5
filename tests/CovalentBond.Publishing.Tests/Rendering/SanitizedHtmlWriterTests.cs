using System.Text;
using AngleSharp;
using AngleSharp.Html;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using CovalentBond.Testing.Hostile;
using Ganss.Xss;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>The sanitizer's output is written in linear time by our own writer, byte for byte as AngleSharp writes it.</summary>
public sealed class SanitizedHtmlWriterTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void Every_body_of_the_fixtures_samples_and_hostile_corpus_is_written_as_angle_sharp_writes_it()
    {
        var reader = new PostReader(new SiteOptions());
        var sources = Directory.GetFiles(Testing.RepositoryPaths.Combine("tests", "CovalentBond.Publishing.Tests", "Fixtures"), "*.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Testing.RepositoryPaths.Combine("samples"), "*.md", SearchOption.AllDirectories))
            .Select(f => (Name: f, Content: File.ReadAllBytes(f)))
            .Concat(HostileInputs.All.Select(h => (Name: $"{h.Family}/{h.Name}", h.Content)))
            .Append(("edge cases", Encoding.UTF8.GetBytes(EdgeCases)));
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.UnionWith(["svg", "math", "pre", "textarea", "template", "noscript"]);
        var compared = 0;
        foreach (var (name, content) in sources)
        {
            var body = reader.Read(content, Path.GetFileName(name)).Post?.Body ?? Encoding.UTF8.GetString(content);
            if (Renderer.Render(body, 1, out var problem) is var _ && problem is not null)
            {
                continue; // over a limit: never sanitized
            }

            var html = Markdig.Markdown.ToHtml(body);
            var document = sanitizer.SanitizeDom(html);

            var expected = document.Body!.ChildNodes.ToHtml(HtmlMarkupFormatter.Instance);
            var actual = SanitizedHtmlWriter.Write(document.Body.ChildNodes, html.Length);

            Assert.True(expected == actual, $"{name}: AngleSharp '{expected[..Math.Min(200, expected.Length)]}', ours '{actual[..Math.Min(200, actual.Length)]}'");
            compared++;
        }

        Assert.True(compared > 250, $"only {compared} bodies");
    }

    private const string EdgeCases = """
        <p title="a &amp; b &quot;c&quot; &lt;d&gt; 'e'" data-x="&nbsp;">x &amp; y &lt; z &gt; w&nbsp;v "q" 'r'</p>

        <pre>
        leading newline kept</pre>

        <svg viewBox="0 0 1 1"><circle r="1"/></svg>

        <math><mi>x</mi></math>

        <table><tr><td>cell<br>line</td></tr></table><hr><img src="/a.png" alt="">

        <!-- a comment -->

        <textarea>
        text</textarea><template><b>t</b></template><noscript><i>n</i></noscript>
        """;

    [Fact]
    public void A_long_body_with_raw_html_renders_in_time_that_grows_with_it_not_faster()
    {
        // Not a timed test: the render budget (CPU) would refuse a body whose writing were quadratic again.
        var block = "<div class=\"note\"><p>Raw <b>HTML</b> with a <a href=\"https://example.com/\">link</a>.</p></div>\n\n";
        var body = string.Concat(Enumerable.Repeat(block, 180_000 / block.Length));

        Renderer.Render(body, 1, out var problem);

        Assert.Null(problem);
    }
}
