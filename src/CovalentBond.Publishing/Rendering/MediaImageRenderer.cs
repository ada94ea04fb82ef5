using CovalentBond.Publishing.Media;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Renders a Markdown image that names one of the site's processed images as its <c>&lt;picture&gt;</c>
/// (<see cref="PictureMarkup"/>); one of the site's images not uploaded yet renders as nothing (the publish
/// warns, and the page is rendered again when it arrives) rather than as a broken image; links and outside
/// images render as Markdig renders them.
/// </summary>
internal sealed class MediaImageRenderer(IMediaResolver media) : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (link.IsImage && renderer.EnableHtmlForInline && (link.GetDynamicUrl?.Invoke() ?? link.Url) is { } url && media.KeyOf(url) is not null)
        {
            if (media.Resolve(url) is { } image)
            {
                renderer.Write(PictureMarkup.Html(image, AltText(link), hero: false));
            }

            return;
        }

        base.Write(renderer, link);
    }

    /// <summary>The image's text alternative: the text of its description, without markup.</summary>
    internal static string AltText(LinkInline link)
    {
        var text = new System.Text.StringBuilder();
        foreach (var inline in link.Descendants<LiteralInline>())
        {
            text.Append(inline.Content.ToString());
        }

        return text.ToString();
    }
}
