using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Shortcodes;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// One pass over a parsed body before it is written, doing at each node what used to take a pass each (a
/// walk of the tree costs about as much as a tenth of rendering a body): external links get
/// <c>rel="noopener"</c>, bare URLs lose their backslash escapes, Hugo's shortcode escape leaves code, images
/// and template tags are inspected, and the body is found to need the sanitizer or not.
/// </summary>
internal sealed partial class BodyWalk
{
    private BodyWalk()
    {
    }

    /// <summary>The media keys of the site's own images the body shows (uploaded or not yet).</summary>
    public List<string> Images { get; } = [];

    /// <summary>Images without alt text or not uploaded yet.</summary>
    public List<PostProblem> ImageWarnings { get; } = [];

    /// <summary>Template tags left out of the page.</summary>
    public List<PostProblem> ShortcodeWarnings { get; } = [];

    /// <summary>The other posts the body's reference tags name.</summary>
    public List<PostReference> References { get; } = [];

    /// <summary>Whether anything in the body is for the sanitizer to make safe (<see cref="SafeHtml"/>).</summary>
    public bool NeedsSanitizer { get; private set; }

    public static BodyWalk Of(MarkdownDocument document, IMediaResolver media, int firstLine, Pages.Permalink articles)
    {
        var walk = new BodyWalk();
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LinkInline link:
                    if (!link.IsImage && IsExternal(link.Url))
                    {
                        link.GetAttributes().AddPropertyIfNotExist("rel", "noopener");
                    }

                    if (link.IsAutoLink && !link.IsImage && link.Url?.Contains('\\') == true)
                    {
                        UnescapeBareUrl(link);
                    }

                    if (link.IsImage)
                    {
                        walk.InspectImage(link, media, firstLine);
                    }

                    break;
                case AutolinkInline autolink when !autolink.IsEmail && IsExternal(autolink.Url):
                    autolink.GetAttributes().AddPropertyIfNotExist("rel", "noopener");
                    break;
                case ShortcodeInline inline:
                    ShortcodeExtension.Inspect(inline.Tag, block: false, firstLine + node.Line, media, articles, walk.ShortcodeWarnings, walk.References);
                    walk.InspectFigure(inline.Tag, media, firstLine + node.Line);
                    break;
                case ShortcodeBlock leaf:
                    ShortcodeExtension.Inspect(leaf.Tag, block: true, firstLine + node.Line, media, articles, walk.ShortcodeWarnings, walk.References);
                    walk.InspectFigure(leaf.Tag, media, firstLine + node.Line);
                    break;
                case CodeBlock or CodeInline:
                    ShortcodeExtension.UnescapeInCode(node);
                    break;
                case Markdig.Extensions.Tables.Table table:
                    AlignByClass(table);
                    break;
            }

            walk.NeedsSanitizer = walk.NeedsSanitizer || SafeHtml.NeedsSanitizer(node);
        }

        return walk;
    }

    /// <summary>
    /// A table's column alignment as a class on each cell (<c>align-left</c>, <c>align-center</c>, <c>align-right</c>) instead
    /// of the inline style Markdig writes, and no column widths: pages hold no inline style, so the one CSP
    /// (<c>style-src 'self'</c>, Rendering/ContentSecurityPolicy) shows them the same on every origin.
    /// </summary>
    private static void AlignByClass(Markdig.Extensions.Tables.Table table)
    {
        var columns = table.ColumnDefinitions;
        foreach (var row in table.OfType<Markdig.Extensions.Tables.TableRow>())
        {
            foreach (var cell in row.OfType<Markdig.Extensions.Tables.TableCell>())
            {
                var index = cell.ColumnIndex >= 0 ? cell.ColumnIndex : row.IndexOf(cell);
                if (index < columns.Count && columns[index].Alignment is { } alignment)
                {
                    cell.GetAttributes().AddClass(alignment switch
                    {
                        Markdig.Extensions.Tables.TableColumnAlign.Center => "align-center",
                        Markdig.Extensions.Tables.TableColumnAlign.Right => "align-right",
                        _ => "align-left",
                    });
                }
            }
        }

        foreach (var column in columns)
        {
            column.Alignment = null;
            column.Width = 0;
        }
    }

    /// <summary>A site image the body names, and a warning when it has no alt text or is not uploaded.</summary>
    private void InspectImage(LinkInline link, IMediaResolver media, int firstLine)
    {
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? string.Empty;
        InspectSiteImage(url, MediaImageRenderer.AltText(link), media, firstLine + link.Line);
    }

    /// <summary>The image of a <c>figure</c> shortcode, as an image of the body: the post uses it, so its arrival renders the post again.</summary>
    private void InspectFigure(ShortcodeTag tag, IMediaResolver media, int line)
    {
        if (!tag.IsClosing && string.Equals(tag.BaseName, "figure", StringComparison.OrdinalIgnoreCase) && tag.Argument("src", 0) is { Length: > 0 } src)
        {
            InspectSiteImage(src, tag.Argument("alt") ?? string.Empty, media, line);
        }
    }

    private void InspectSiteImage(string url, string alt, IMediaResolver media, int line)
    {
        if (media.KeyOf(url) is { } key)
        {
            if (!Images.Contains(key))
            {
                Images.Add(key);
            }

            if (media.Resolve(url) is null)
            {
                ImageWarnings.Add(new PostProblem(line, "image", $"'{url}' is not uploaded yet: the page shows it when it arrives"));
            }
        }

        if (alt.Trim().Length == 0)
        {
            ImageWarnings.Add(new PostProblem(line, "image", $"'{url}' has no alt text: describe it for readers who cannot see it"));
        }
    }

    /// <summary>
    /// A bare URL (the auto-links extension) keeps no backslash escapes: converters write
    /// <c>watch?v=Di\_pm9RM6jU</c> so that Markdown does not read an emphasis, and the address means <c>Di_pm9RM6jU</c>.
    /// </summary>
    private static void UnescapeBareUrl(LinkInline link)
    {
        link.Url = EscapedPunctuation().Replace(link.Url!, "$1");
        foreach (var literal in link.Descendants<LiteralInline>())
        {
            literal.Content = new Markdig.Helpers.StringSlice(EscapedPunctuation().Replace(literal.Content.ToString(), "$1"));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial System.Text.RegularExpressions.Regex EscapedPunctuation();

    private static bool IsExternal(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
