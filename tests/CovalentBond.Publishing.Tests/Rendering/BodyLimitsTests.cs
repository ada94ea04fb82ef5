using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Testing.Hostile;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>
/// The HTML nesting limit: a post whose HTML nests elements past <see cref="PostLimits.HtmlDepth"/> is refused,
/// and the scanner that finds the tags finds exactly what the regular expression it replaced found.
/// </summary>
public sealed class BodyLimitsTests
{
    // The expression CheckHtml matched tags with until the scanner replaced it (it allocated a match and a string per tag).
    private static readonly Regex Tag = new(@"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("<a->", "<a_b>", "<br/>", "</>", "<a<b>", "<é>", "<aé>")]
    [InlineData("<a\u200D>", "<a-\u200D>", "<a-é>", "< a>", "<a", "<a/ >", "<a/>")]
    [InlineData("<-a>", "<1>", "<//a>", "<a-->", "<a-_>", "<a--b c='>'>", "<A9-x/>")]
    [InlineData("<p>text</p><div><span/></div>", "<<a>>", "<a href=\"/x\">y</a>", "<a\u0301>", "<a-\u0301>", "<a\n>", "x<y>z</y")]
    public void The_scanner_finds_the_tags_the_expression_found(params string[] samples)
    {
        foreach (var sample in samples)
        {
            AssertSameTags(sample);
        }
    }

    [Fact]
    public void The_scanner_agrees_with_the_expression_on_every_hostile_input_and_random_markup()
    {
        foreach (var input in HostileInputs.All)
        {
            AssertSameTags(Encoding.UTF8.GetString(input.Content));
        }

        // Random strings over the characters that decide a tag's bounds, its name and the word boundary after it.
        var random = new Random(20261126);
        const string alphabet = "<<>>//aAzZ09--__ '\"=\u00E9\u0301\u200D\u200C\n";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(1, 40)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            AssertSameTags(new string(chars));
        }
    }

    [Fact]
    public void Html_nested_past_the_limit_is_refused_and_flat_or_self_closing_elements_add_no_depth()
    {
        string Nested(int depth, string open = "<div>", string close = "</div>") =>
            string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));

        Assert.Null(BodyLimits.CheckHtml(Nested(PostLimits.HtmlDepth), 5));
        var problem = BodyLimits.CheckHtml(Nested(PostLimits.HtmlDepth + 1), 5);
        Assert.NotNull(problem);
        Assert.Equal(5, problem.Line);
        Assert.Contains($"more than {PostLimits.HtmlDepth} deep", problem.Message, StringComparison.Ordinal);

        Assert.Null(BodyLimits.CheckHtml(Nested(500, "<P>", string.Empty), 1));
        Assert.Null(BodyLimits.CheckHtml(Nested(500, "<span/>", string.Empty), 1));
        Assert.Null(BodyLimits.CheckHtml(string.Concat(Enumerable.Repeat("<div>x</div>", 500)), 1));
        Assert.NotNull(BodyLimits.CheckHtml(Nested(PostLimits.HtmlDepth + 1, "<my-element data-x='1'>", "</my-element>"), 1));
    }

    private static void AssertSameTags(string html)
    {
        var expected = Tag.Matches(html)
            .Select(m => (m.Groups[2].Value, m.Groups[1].Length > 0, m.Groups[3].Length > 0, m.Index + m.Length))
            .ToList();
        var actual = new List<(string, bool, bool, int)>();
        var at = 0;
        while (BodyLimits.NextTag(html, ref at, out var name, out var closing, out var selfClosing))
        {
            actual.Add((name.ToString(), closing, selfClosing, at));
        }

        Assert.True(expected.SequenceEqual(actual), $"tags of {Escape(html)}: expression {string.Join(' ', expected)}, scanner {string.Join(' ', actual)}");
    }

    private static string Escape(string text) =>
        string.Concat(text.Take(200).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
