using System.Text.RegularExpressions;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Linear checks of a body against <see cref="PostLimits"/>, each made before the stage whose cost it
/// bounds: headings and auto-links before Markdig parses, the nesting of the HTML before the sanitizer
/// builds its tree (its cost grows with the square of the depth).
/// </summary>
internal static partial class BodyLimits
{
    [GeneratedRegex(@"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$)", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^ {0,3}-+[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DashLine();

    [GeneratedRegex(@"https?://|www\.|ftp://|mailto:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AutoLinkStart();

    /// <summary>Elements that never hold others, or that a parser closes by itself: they add no depth.</summary>
    private static readonly HashSet<string> Flat = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
    };

    /// <summary>The first limit the Markdown breaks, as a problem; null when it keeps them all.</summary>
    /// <param name="firstLine">The file line the body starts on, for messages.</param>
    public static PostProblem? CheckMarkdown(string markdown, int firstLine)
    {
        // ATX headings and '===' underlines; a '---' line is a heading's underline only under a line of text.
        var headings = 0;
        var previous = ReadOnlySpan<char>.Empty;
        foreach (var text in markdown.AsSpan().EnumerateLines())
        {
            if (HeadingLine().IsMatch(text) || (DashLine().IsMatch(text) && !previous.IsWhiteSpace() && !DashLine().IsMatch(previous)))
            {
                headings++;
            }

            previous = text;
        }

        if (headings > PostLimits.HeadingCount)
        {
            return new PostProblem(firstLine, "body", $"has {headings:N0} headings; at most {PostLimits.HeadingCount:N0} are allowed");
        }

        // Paragraphs are separated by blank lines; Markdig's auto-links cost grows with the square of their number in one.
        var line = firstLine;
        var count = 0;
        var paragraphStart = firstLine;
        foreach (var text in markdown.AsSpan().EnumerateLines())
        {
            if (Indentation(text) > PostLimits.IndentColumns)
            {
                return new PostProblem(line, "body", $"the line is indented more than {PostLimits.IndentColumns} columns (lists or quotes nested too deeply)");
            }

            if (text.IsWhiteSpace())
            {
                count = 0;
                paragraphStart = line + 1;
            }
            else
            {
                foreach (var _ in AutoLinkStart().EnumerateMatches(text))
                {
                    if (++count > PostLimits.AutoLinksPerParagraph)
                    {
                        return new PostProblem(paragraphStart, "body",
                            $"the paragraph starting here holds more than {PostLimits.AutoLinksPerParagraph} web addresses; split it into paragraphs");
                    }
                }
            }

            line++;
        }

        return null;
    }

    /// <summary>Columns of leading white space, a tab counting 4; a blank line has none.</summary>
    private static int Indentation(ReadOnlySpan<char> line)
    {
        var columns = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                columns++;
            }
            else if (c == '\t')
            {
                columns += 4;
            }
            else
            {
                return columns;
            }
        }

        return 0;
    }

    /// <summary>The problem with HTML bound for the sanitizer, or null: its size and how deep its elements nest.</summary>
    public static PostProblem? CheckHtml(string html, int firstLine)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        if (bytes > PostLimits.SanitizedHtmlBytes)
        {
            return new PostProblem(firstLine, "body",
                $"renders to {bytes / 1024:N0} KiB of HTML; a post may render to at most {PostLimits.SanitizedHtmlBytes / 1024:N0} KiB");
        }

        var depth = 0;
        var flat = Flat.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = html.AsSpan();
        var at = 0;
        while (NextTag(text, ref at, out var name, out var closing, out var selfClosing))
        {
            if (flat.Contains(name) || selfClosing)
            {
                continue;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (++depth > PostLimits.HtmlDepth)
            {
                return new PostProblem(firstLine, "body", $"its HTML nests elements more than {PostLimits.HtmlDepth} deep");
            }
        }

        return null;
    }

    /// <summary>
    /// The next tag at or after <paramref name="at"/>, as the regular expression
    /// <c>&lt;(/?)([A-Za-z][A-Za-z0-9-]*)\b[^&lt;&gt;]*?(/?)&gt;</c> finds them one after another (tests hold the two
    /// to the same answers), without allocating: <paramref name="at"/> moves past the tag.
    /// </summary>
    internal static bool NextTag(ReadOnlySpan<char> html, ref int at, out ReadOnlySpan<char> name, out bool closing, out bool selfClosing)
    {
        while (at < html.Length)
        {
            var open = html[at..].IndexOf('<');
            if (open < 0)
            {
                break;
            }

            var start = at + open;
            at = start + 1;
            var nameStart = at < html.Length && html[at] == '/' ? at + 1 : at;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                continue;
            }

            var nameEnd = nameStart + 1;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            // \b: the name gives characters back until it ends at a word boundary (it may end in a '-').
            while (nameEnd > nameStart + 1 && !IsBoundary(html, nameEnd))
            {
                nameEnd--;
            }

            if (!IsBoundary(html, nameEnd))
            {
                continue;
            }

            // [^<>]*?(/?)>: the tag ends at the first '>', unless a '<' comes before it.
            var end = html[nameEnd..].IndexOfAny('<', '>');
            if (end < 0 || html[nameEnd + end] == '<')
            {
                continue;
            }

            end += nameEnd;
            name = html[nameStart..nameEnd];
            closing = nameStart > start + 1;
            selfClosing = end > nameEnd && html[end - 1] == '/';
            at = end + 1;
            return true;
        }

        name = default;
        closing = selfClosing = false;
        return false;
    }

    private static bool IsBoundary(ReadOnlySpan<char> text, int index) =>
        (index > 0 && IsWordCharacter(text[index - 1])) != (index < text.Length && IsWordCharacter(text[index]));

    /// <summary>A word character as <c>\b</c> sees one: <c>\w</c>, and the zero-width (non-)joiners.</summary>
    private static bool IsWordCharacter(char c) =>
        char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) || c == '_' : c is '\u200C' or '\u200D' || WordCharacter().IsMatch(new ReadOnlySpan<char>(in c));

    [GeneratedRegex(@"^\w$", RegexOptions.CultureInvariant)]
    private static partial Regex WordCharacter();
}
