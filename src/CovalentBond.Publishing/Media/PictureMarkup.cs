using System.Net;
using System.Text;

namespace CovalentBond.Publishing.Media;

/// <summary>
/// The <c>&lt;picture&gt;</c> of a processed image: AVIF and WebP sources, then an <c>&lt;img&gt;</c> with the
/// JPEG/PNG/GIF ladder, its intrinsic <c>width</c> and <c>height</c> (no layout shift), lazy loading for images in
/// the body and <c>fetchpriority="high"</c> for the hero.
/// </summary>
public static class PictureMarkup
{
    /// <summary>The width the theme shows a body image at: the article column (46rem less its padding), or the viewport on a phone.</summary>
    public const string ArticleSizes = "(max-width: 46rem) calc(100vw - 2.5rem), 43.5rem";

    /// <summary>The width a list's thumbnail is shown at (site.css <c>.post-list .thumb</c>).</summary>
    public const string ThumbnailSizes = "8rem";

    /// <summary>The width of the fallback <c>src</c>, for browsers that ignore <c>srcset</c>.</summary>
    private const int FallbackWidth = 960;

    public static string Html(MediaImage image, string alt, bool hero, string sizes = ArticleSizes)
    {
        var html = new StringBuilder(512);
        html.Append("<picture>");
        foreach (var format in image.Modern)
        {
            html.Append("<source type=\"").Append(MediaImage.ContentType(format)).Append("\" srcset=\"").Append(SrcSet(image, format))
                .Append("\" sizes=\"").Append(sizes).Append("\">");
        }

        var src = image.Widths.LastOrDefault(w => w <= FallbackWidth, image.Widths[0]);
        var largest = image.Widths[^1];
        html.Append("<img src=\"/").Append(image.VariantPath(src, image.Fallback)).Append("\" srcset=\"").Append(SrcSet(image, image.Fallback))
            .Append("\" sizes=\"").Append(sizes).Append("\" width=\"").Append(largest).Append("\" height=\"").Append(image.HeightAt(largest))
            .Append("\" alt=\"").Append(WebUtility.HtmlEncode(alt)).Append('"')
            .Append(hero ? " fetchpriority=\"high\" decoding=\"async\">" : " loading=\"lazy\" decoding=\"async\">")
            .Append("</picture>");
        return html.ToString();
    }

    private static string SrcSet(MediaImage image, string format) =>
        string.Join(", ", image.Widths.Select(w => $"/{image.VariantPath(w, format)} {w}w"));
}
