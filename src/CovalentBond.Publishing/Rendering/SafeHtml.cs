using System.Text;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Whether a body needs the HTML sanitizer at all, and the sanitizer's serialization for one that does not.
/// </summary>
/// <remarks>
/// Markdig escapes every character of text and attributes it writes; what it copies as written is raw HTML, and
/// what it does not check is a link's scheme and a generic attribute (<c>{onclick=…}</c>). A body with none of
/// those is safe as Markdig writes it; only the bytes differ from the sanitizer's (AngleSharp's) way of writing
/// the same document (<c>&lt;hr /&gt;</c> against <c>&lt;hr&gt;</c>, <c>&amp;quot;</c> in text against <c>"</c>),
/// and <see cref="AsSanitizerWrites"/> writes them its way, so a page is the same bytes whichever path its body
/// took. A test renders every fixture, the hostile corpus and a list of constructs both ways and compares.
/// Most posts take this path; the sanitizer took half the time of a full build.
/// </remarks>
internal static class SafeHtml
{
    /// <summary>Whether this node of a body (its links and attributes already final) is something only the sanitizer can make safe.</summary>
    public static bool NeedsSanitizer(MarkdownObject node)
    {
        switch (node)
        {
            case HtmlBlock or HtmlInline:
                return true;
            case LinkInline link when !IsSafeUrl(link.Url) || !IsSafeUrl(link.GetDynamicUrl?.Invoke()):
                return true;
            case AutolinkInline autolink when !autolink.IsEmail && !IsSafeUrl(autolink.Url):
                return true;
            case Markdig.Extensions.Tables.Table table when table.ColumnDefinitions.Exists(c => c.Width > 0):
                // Grid tables' <col> widths: the sanitizer adds a <colgroup> and rewrites the styles.
                return true;
        }

        return node.TryGetAttributes() is { Properties: { Count: > 0 } properties }
            && properties.Exists(p => !(p.Key == "rel" && p.Value == "noopener"));
    }

    /// <summary>
    /// Whether a link's address is one the sanitizer keeps as it is: relative, or http, https or mailto, in plain
    /// characters (anything unusual goes to the sanitizer, which knows more).
    /// </summary>
    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        foreach (var c in url)
        {
            if (c <= ' ' || c == '\\' || c == '\u007F' || c is '<' or '>' or '"' or '\'' or '`')
            {
                return false;
            }
        }

        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || url.AsSpan(0, colon).IndexOfAny('/', '?', '#') >= 0)
        {
            return true;
        }

        var scheme = url.AsSpan(0, colon);
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Markdig's HTML of a safe body, written as the sanitizer writes the same document.</summary>
    public static string AsSanitizerWrites(string html)
    {
        var output = new StringBuilder(html.Length + 64);
        var text = html.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            // Text up to the next tag, reference or no-break space, copied as it is.
            var plain = text[i..].IndexOfAny('<', '&', '\u00A0');
            if (plain < 0)
            {
                output.Append(text[i..]);
                break;
            }

            output.Append(text.Slice(i, plain));
            i += plain;
            var c = text[i];
            if (c == '\u00A0')
            {
                output.Append("&nbsp;");
                i++;
            }
            else if (c == '&' && text[i..].StartsWith("&quot;"))
            {
                output.Append('"');
                i += "&quot;".Length;
            }
            else if (c == '&' && NumericReference(html, i, out var length) is { } decoded)
            {
                // Markdig writes a few characters as numeric references (the footnote back link's ↩).
                output.Append(decoded switch { "&" => "&amp;", "<" => "&lt;", ">" => "&gt;", "\u00A0" => "&nbsp;", _ => decoded });
                i += length;
            }
            else if (c == '&')
            {
                output.Append(c);
                i++;
            }
            else
            {
                i = AppendTag(output, html, i);
            }
        }

        return output.ToString();
    }

    /// <summary>Writes the tag that starts at <paramref name="at"/> as the sanitizer writes it; returns where it ends.</summary>
    private static int AppendTag(StringBuilder output, string html, int at)
    {
        var end = html.IndexOf('>', at);
        if (end < 0)
        {
            output.Append(html.AsSpan(at));
            return html.Length;
        }

        var tag = html.AsSpan(at, end - at);
        // Void elements: <hr />, <br />, <img … /> are <hr>, <br>, <img …> to the sanitizer.
        if (tag.EndsWith(" /"))
        {
            tag = tag[..^2];
        }

        var style = tag.IndexOf("style=\"text-align: ");
        if (style >= 0 && TableAlignment(html, at + style) is { } alignment)
        {
            // Table cells: the CSS serializer drops the declaration's closing semicolon.
            var after = style + "style=\"text-align: ".Length + alignment.Length + 2;
            AppendNoBreakSpaces(output, tag[..style]);
            output.Append("style=\"text-align: ").Append(alignment).Append('"');
            AppendNoBreakSpaces(output, tag[after..]);
        }
        else
        {
            AppendNoBreakSpaces(output, tag);
        }

        output.Append('>');
        return end + 1;
    }

    private static void AppendNoBreakSpaces(StringBuilder output, ReadOnlySpan<char> text)
    {
        foreach (var part in text.Split('\u00A0'))
        {
            if (part.Start.Value > 0)
            {
                output.Append("&nbsp;");
            }

            output.Append(text[part]);
        }
    }

    /// <summary>The character a <c>&amp;#N;</c> or <c>&amp;#xH;</c> at <paramref name="at"/> stands for, and the reference's length.</summary>
    private static string? NumericReference(string html, int at, out int length)
    {
        length = 0;
        var rest = html.AsSpan(at);
        if (!rest.StartsWith("&#"))
        {
            return null;
        }

        var end = rest.IndexOf(';');
        if (end < 3 || end > 10)
        {
            return null;
        }

        var hex = rest[2] is 'x' or 'X';
        var digits = rest[(hex ? 3 : 2)..end];
        if (!int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            || code is <= 0 or > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        {
            return null;
        }

        length = end + 1;
        return char.ConvertFromUtf32(code);
    }

    private static string? TableAlignment(string html, int at)
    {
        var rest = html.AsSpan(at + "style=\"text-align: ".Length);
        foreach (var alignment in (string[])["left", "center", "right"])
        {
            if (rest.StartsWith(alignment) && rest[alignment.Length..].StartsWith(";\""))
            {
                return alignment;
            }
        }

        return null;
    }
}
