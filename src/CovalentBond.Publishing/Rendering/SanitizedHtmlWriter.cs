using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Writes a sanitized body's DOM back out as HTML, byte for byte as AngleSharp's <see cref="HtmlMarkupFormatter"/> does,
/// in one pass: AngleSharp's own serialisation grows faster than the body (0.19 s for 1 MiB, 2.9–5.1 s for 4 MiB, where
/// parsing took 0.5–0.8 s; docs/performance.md, "The sanitizer by size"). What this writer does not know (foreign SVG or
/// MathML elements, attributes in a namespace, raw-text elements, a <c>pre</c> opening with a newline, other node types) it hands to AngleSharp, a
/// subtree at a time; a test compares the two over every body of the fixtures and the hostile corpus.
/// </summary>
internal static class SanitizedHtmlWriter
{
    private static readonly HashSet<string> VoidElements = new(
        ["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"],
        StringComparer.Ordinal);

    /// <summary>Elements whose content AngleSharp writes by rules of their own: raw text, a leading newline kept, template contents.</summary>
    private static readonly HashSet<string> HandedOver = new(
        ["style", "script", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript", "pre", "textarea", "listing", "template"],
        StringComparer.Ordinal);

    public static string Write(INodeList nodes, int capacity)
    {
        var output = new StringBuilder(capacity);
        foreach (var node in nodes)
        {
            Write(node, output);
        }

        return output.ToString();
    }

    private static void Write(INode node, StringBuilder output)
    {
        switch (node)
        {
            case IElement element when element.NamespaceUri == NamespaceNames.HtmlUri && !HandedOver.Contains(element.LocalName)
                && element.Attributes.All(a => a.NamespaceUri is null):
                output.Append('<').Append(element.LocalName);
                foreach (var attribute in element.Attributes)
                {
                    output.Append(' ').Append(attribute.LocalName).Append("=\"");
                    AppendEscaped(output, attribute.Value, inAttribute: true);
                    output.Append('"');
                }

                output.Append('>');
                if (VoidElements.Contains(element.LocalName))
                {
                    return;
                }

                foreach (var child in element.ChildNodes)
                {
                    Write(child, output);
                }

                output.Append("</").Append(element.LocalName).Append('>');
                break;
            case IText text when text.Parent is not IElement parent || parent.NamespaceUri == NamespaceNames.HtmlUri && !HandedOver.Contains(parent.LocalName):
                AppendEscaped(output, text.Data, inAttribute: false);
                break;
            case IComment comment:
                output.Append("<!--").Append(comment.Data).Append("-->");
                break;
            default:
                output.Append(node.ToHtml(HtmlMarkupFormatter.Instance));
                break;
        }
    }

    private static void AppendEscaped(StringBuilder output, string text, bool inAttribute)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var escaped = text[i] switch
            {
                '&' => "&amp;",
                '\u00A0' => "&nbsp;",
                '"' when inAttribute => "&quot;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            };
            if (escaped is not null)
            {
                output.Append(text, start, i - start).Append(escaped);
                start = i + 1;
            }
        }

        output.Append(text, start, text.Length - start);
    }
}
