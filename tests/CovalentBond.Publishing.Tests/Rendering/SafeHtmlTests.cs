using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using CovalentBond.Testing.Hostile;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>
/// Bodies without raw HTML, odd link schemes or generic attributes skip the sanitizer: they must come out the same
/// bytes as through it, and anything the sanitizer is there for must still go through it.
/// </summary>
public sealed class SafeHtmlTests
{
    private static readonly MarkdownRenderer Fast = new();
    private static readonly MarkdownRenderer Sanitized = new() { AlwaysSanitize = true };

    /// <summary>Every construct the pipeline knows, written the ways that escape differently.</summary>
    public static readonly TheoryData<string> Constructs =
    [
        "Plain *emphasis*, **strong**, `code \"quoted\" <b> & 'x'` and a backslash \\* star.",
        "Quotes \"straight\" and 'single', dashes -- and ---, an ellipsis... and <<angle>> quotes.",
        "A&nbsp;non-breaking space, &copy; &#169; &#x1F600; &amp; &lt;tag&gt; and a < b > c & d.",
        "| left | centre | right | none |\n|:--|:-:|--:|---|\n| 1 | **2** | `3` | 4 |",
        "Text with a note[^1] and another[^n].\n\n[^1]: The note, with a [link](https://example.com/?a=1&b=2).\n[^n]: \"Quoted\" note.",
        "A hard  \nbreak and a soft\nbreak.\n\n***\n\n---\n\nAfter the rules.",
        "![An \"image\" & more](https://example.com/a.png \"Title <x> & 'y'\") and ![](/relative.png)",
        "[a link](https://example.com/path?q=a&b=c \"t & \\\"q\\\"\"), [relative](../other/ \"x\"), [anchor](#top), [mail](mailto:a@example.com)",
        "<https://example.com/a?b=c&d=e>, www.example.com/page, https://example.com/under_score and <someone@example.com>",
        "```js\nvar a = \"<b>\" && 'c';\n```\n\n    indented <code> & \"quotes\"",
        "# Heading with `code` & ampersand\n\n## Heading with *emphasis* \"quoted\"\n\n## Heading with *emphasis* \"quoted\"\n\nSetext\n===",
        "- one\n  - nested \"two\"\n    1. three\n\n> A quote with **strong** and\n> > a nested quote",
        "^^^\n![Figure](https://example.com/f.jpg)\n^^^ The caption, \"quoted\"",
        "~~deleted~~ ++inserted++ ==marked== H~2~O x^2^",
        "Ünïcödé, 日本語のテキスト, Ελλάδα, Türkiye, [Zürich](https://example.com/Zürich) and an em\u2014dash.",
        "Trailing spaces and tabs\t\tin text, and a line ending in a backslash\\\nnext.",
        "[ref link][r] and [collapsed][]\n\n[r]: https://example.com/ref \"Ref title\"\n[collapsed]: /collapsed",
        "{{< figure src=\"https://example.com/b.jpg\" alt=\"The \\\"old\\\" bridge & <more>\" caption=\"Mostar & \\\"2004\\\"\" link=\"/big.jpg\" >}}",
        "Watch {{< youtube dQw4w9WgXcQ >}} and {{< tweet user=\"x_y\" id=\"123\" >}} or see {{< ref \"other.md#part\" >}}.\n\n{{< vimeo 146022717 >}}",
        "{% highlight html %}\n<h1 class=\"x\">\"T\" & 'u'</h1>\n{% endhighlight %}\n\nWrite {% raw %}{{ site.x }}{% endraw %}, {{</* figure */>}} and {{< unknown >}}{{ site.y }}.",
    ];

    [Theory]
    [MemberData(nameof(Constructs))]
    public void A_construct_renders_the_same_bytes_with_and_without_the_sanitizer(string markdown)
    {
        Assert.False(Fast.NeedsSanitizer(markdown), "this construct should not need the sanitizer");
        Assert.Equal(Sanitized.ToHtml(markdown), Fast.ToHtml(markdown));
    }

    [Fact]
    public void Every_fixture_sample_and_hostile_body_renders_the_same_bytes_either_way()
    {
        var reader = new PostReader(new SiteOptions());
        var sources = Directory.GetFiles(Testing.RepositoryPaths.Combine("tests", "CovalentBond.Publishing.Tests", "Fixtures"), "*.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Testing.RepositoryPaths.Combine("samples"), "*.md", SearchOption.AllDirectories))
            .Select(f => (Name: f, Content: File.ReadAllBytes(f)))
            .Concat(HostileInputs.All.Select(h => (Name: $"{h.Family}/{h.Name}", h.Content)));
        var fast = 0;
        var compared = 0;
        foreach (var (name, content) in sources)
        {
            if (reader.Read(content, Path.GetFileName(name)).Post is not { } post)
            {
                continue;
            }

            var expected = Sanitized.Render(post.Body, post.BodyLine, out var problem);
            if (problem is not null)
            {
                continue;
            }

            compared++;
            fast += Fast.NeedsSanitizer(post.Body) ? 0 : 1;
            var actual = Fast.Render(post.Body, post.BodyLine, out _).Html;
            Assert.True(expected.Html == actual, $"{name} renders differently without the sanitizer: {FirstDifference(expected.Html, actual)}");
        }

        Assert.True(compared > 50, $"only {compared} bodies compared");
        Assert.True(fast > 10, $"only {fast} of {compared} bodies skipped the sanitizer");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 30);
        return $"sanitizer '{expected[from..Math.Min(expected.Length, at + 30)]}', without '{actual[from..Math.Min(actual.Length, at + 30)]}'";
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "alert(1)")]
    [InlineData("Hello <img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("[click](JAVASCRIPT:alert(1))", "JAVASCRIPT:")]
    [InlineData("<javascript:alert(1)>", "href=\"javascript:")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data:")]
    [InlineData("[x](vbscript:msgbox)", "vbscript:")]
    [InlineData("A paragraph {onclick=\"alert(1)\"}\n", "onclick")]
    [InlineData("# Title {style=\"position:fixed;top:0\"}", "position")]
    [InlineData("[x](java&#x09;script:alert(1))", "script:")]
    public void What_the_sanitizer_is_for_still_goes_through_it(string markdown, string mustNotSurvive)
    {
        Assert.True(Fast.NeedsSanitizer(markdown), "this body must go through the sanitizer");
        Assert.DoesNotContain(mustNotSurvive, Fast.ToHtml(markdown), StringComparison.OrdinalIgnoreCase);
    }
}
