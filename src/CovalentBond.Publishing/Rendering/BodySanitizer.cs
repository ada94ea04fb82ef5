using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CovalentBond.Publishing.Posts;
using Ganss.Xss;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// The allowlist sanitizer for bodies that hold raw HTML (or anything else <see cref="SafeHtml"/> will not pass):
/// no script, event handler or <c>javascript:</c> URL survives, no style can lift an element over the page, frames
/// only from <see cref="EmbedPolicy"/>. Whatever it removes is a warning naming the element and, for raw HTML the
/// author wrote, its line: nothing disappears without a word.
/// </summary>
internal sealed partial class BodySanitizer(EmbedPolicy embeds)
{
    /// <summary>
    /// The one style property a body keeps, and only as a class (<see cref="AlignmentAsClass"/>): pages carry no inline
    /// style, so the one CSP (<c>style-src 'self'</c>, Rendering/ContentSecurityPolicy) shows them the same on every
    /// origin. Every other style is taken out with a warning naming it.
    /// </summary>
    private static readonly string[] SafeCssProperties = ["text-align"];

    private static readonly HashSet<string> Alignments = new(["left", "center", "right", "justify"], StringComparer.OrdinalIgnoreCase);

    private static readonly HtmlSanitizerOptions Options = CreateOptions();

    /// <summary>The safe form of <paramref name="html"/>; what was taken out goes to <paramref name="warnings"/>.</summary>
    /// <param name="markdown">The body's Markdown, to find the line of the raw HTML a removal came from.</param>
    public string Sanitize(string html, string markdown, int firstLine, List<PostProblem> warnings)
    {
        // One sanitizer a body (cheap: the options are shared), so its events report to this body alone.
        var sanitizer = new HtmlSanitizer(Options);
        // Lines are found while the element is still in the document, counting the ones taken out before it.
        var locator = new RawHtmlLocator(markdown, firstLine);
        void Removed(IElement element, string what) =>
            warnings.Add(new PostProblem(locator.LineOfElement(element), "html", $"the {what} is not allowed in a post: it is left out"));

        sanitizer.RemovingTag += (_, e) => Removed(e.Tag, $"<{Name(e.Tag)}> element");
        sanitizer.RemovingAttribute += (_, e) =>
        {
            // A kept frame's attributes are set afresh (KeepOrDrop): the ones it came with are not worth a word.
            if (Name(e.Tag) != "iframe")
            {
                warnings.Add(new PostProblem(locator.LineOfAttribute(e.Attribute.Name), "html", $"the '{e.Attribute.Name}' attribute of a <{Name(e.Tag)}> is not allowed in a post: it is left out"));
            }
        };
        sanitizer.RemovingStyle += (_, e) => Removed(e.Tag, $"'{e.Style.Name}' style of a <{Name(e.Tag)}>");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "iframe" } frame)
            {
                KeepOrDrop(frame, Removed);
            }

            if (e.Node is IElement styled && styled.HasAttribute("style"))
            {
                AlignmentAsClass(styled);
            }
        };

        // Sanitized as a DOM and written out by SanitizedHtmlWriter: the same bytes as HtmlSanitizer's own output, in linear time.
        var document = sanitizer.SanitizeDom(html);
        return SanitizedHtmlWriter.Write(document.Body!.ChildNodes, html.Length + 1024);
    }

    /// <summary>A frame from an allowed provider is kept lazy, sandboxed and titled; any other is dropped.</summary>
    private void KeepOrDrop(IElement frame, Action<IElement, string> removed)
    {
        var src = embeds.Allow(frame.GetAttribute("src"));
        if (src is null)
        {
            var host = Uri.TryCreate(frame.GetAttribute("src") ?? string.Empty, UriKind.Absolute, out var uri) ? uri.Host : "an address";
            removed(frame, $"<iframe> from {host} (not an allowed embed, Site:EmbedHosts)");
            frame.Remove();
            return;
        }

        var title = frame.GetAttribute("title") is { Length: > 0 } given ? given : $"Embedded content from {new Uri(src).Host}";
        foreach (var attribute in frame.Attributes.Select(a => a.Name).Where(n => n is not ("width" or "height" or "allowfullscreen")).ToList())
        {
            frame.RemoveAttribute(attribute);
        }

        frame.SetAttribute("src", src);
        frame.SetAttribute("title", title);
        frame.SetAttribute("loading", "lazy");
        frame.SetAttribute("sandbox", EmbedPolicy.Sandbox);
        frame.SetAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    }

    /// <summary>The <c>text-align</c> the sanitizer kept, as the theme's class (<c>align-center</c>); the <c>style</c> attribute goes.</summary>
    private static void AlignmentAsClass(IElement element)
    {
        var style = element.GetAttribute("style") ?? string.Empty;
        element.RemoveAttribute("style");
        var value = style.Split(';', StringSplitOptions.TrimEntries)
            .Select(d => d.Split(':', 2, StringSplitOptions.TrimEntries))
            .LastOrDefault(d => d.Length == 2 && d[0].Equals("text-align", StringComparison.OrdinalIgnoreCase))?[1];
        if (value is not null && Alignments.Contains(value))
        {
            element.ClassList.Add("align-" + value.ToLowerInvariant());
        }
    }

    private static string Name(IElement element) => element.LocalName;

    /// <summary>
    /// Finds the line of raw HTML the author wrote: the n-th <c>&lt;name</c> of the Markdown for the n-th element of
    /// that name in the page, the n-th <c>name=</c> for the n-th attribute of that name taken out. Null when the count
    /// runs past what the Markdown holds (an element Markdown made itself).
    /// </summary>
    /// <remarks>
    /// Linear in the body whatever the number of removals: the lines of each name's tags and attributes are found in one
    /// pass over the Markdown the first time the name is asked for, and the elements of a name are numbered once, before
    /// any of them is taken out. (Before, each removal walked the document and the Markdown again: 4 MiB of HTML with 750
    /// removals took 16 s.)
    /// </remarks>
    private sealed class RawHtmlLocator(string markdown, int firstLine)
    {
        private readonly Dictionary<string, Dictionary<IElement, int>> elementIndexes = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<int>> tagLines = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<int>> attributeLines = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> removedAttributes = new(StringComparer.OrdinalIgnoreCase);
        private int[]? lineStarts;

        public int? LineOfElement(IElement element)
        {
            var name = element.LocalName;
            if (!elementIndexes.TryGetValue(name, out var indexes))
            {
                indexes = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
                var n = 0;
                foreach (var same in element.Owner?.GetElementsByTagName(name) ?? Enumerable.Empty<IElement>())
                {
                    indexes[same] = n++;
                }

                elementIndexes[name] = indexes;
            }

            return indexes.TryGetValue(element, out var index) ? Nth(tagLines, name, $"<{Regex.Escape(name)}[\\s/>]", index) : null;
        }

        public int? LineOfAttribute(string name)
        {
            var before = removedAttributes.GetValueOrDefault(name);
            removedAttributes[name] = before + 1;
            return Nth(attributeLines, name, $"\\b{Regex.Escape(name)}\\s*=", before);
        }

        private int? Nth(Dictionary<string, List<int>> found, string name, string pattern, int n)
        {
            if (!found.TryGetValue(name, out var lines))
            {
                lines = [];
                foreach (Match match in Regex.Matches(markdown, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    lines.Add(firstLine + LineOf(match.Index));
                }

                found[name] = lines;
            }

            return n < lines.Count ? lines[n] : null;
        }

        /// <summary>The 0-based line of <paramref name="offset"/> in the Markdown, by a search over the line starts found once.</summary>
        private int LineOf(int offset)
        {
            if (lineStarts is null)
            {
                var starts = new List<int> { 0 };
                for (var i = markdown.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = markdown.IndexOf('\n', i + 1))
                {
                    starts.Add(i + 1);
                }

                lineStarts = [.. starts];
            }

            var at = Array.BinarySearch(lineStarts, offset);
            return at >= 0 ? at : ~at - 1;
        }
    }

    private static HtmlSanitizerOptions CreateOptions()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(HtmlSanitizerDefaults.AllowedTags, StringComparer.OrdinalIgnoreCase),
            // Responsive pictures (Media/PictureMarkup): <picture>, <source srcset sizes type>, <img width height loading …>;
            // frames (EmbedPolicy): <iframe src title allowfullscreen>, the rest set here.
            AllowedAttributes = new HashSet<string>(HtmlSanitizerDefaults.AllowedAttributes, StringComparer.OrdinalIgnoreCase)
            {
                "id", "rel", "class", "srcset", "sizes", "loading", "decoding", "fetchpriority", "width", "height", "type",
                "allowfullscreen", "sandbox", "referrerpolicy",
            },
            AllowedCssProperties = new HashSet<string>(SafeCssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(HtmlSanitizerDefaults.UriAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        options.AllowedTags.UnionWith(["picture", "source", "iframe"]);

        // Forms and other embedded documents have no place in an article body.
        foreach (var tag in new[] { "form", "input", "button", "select", "textarea", "option", "object", "embed", "style" })
        {
            options.AllowedTags.Remove(tag);
        }

        return options;
    }
}
