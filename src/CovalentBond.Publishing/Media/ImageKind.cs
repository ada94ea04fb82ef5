using System.Text;

namespace CovalentBond.Publishing.Media;

/// <summary>The kinds of image the site takes, decided by the file's first bytes, never by its name.</summary>
public enum ImageKind
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    WebP,
    Tiff,
    Avif,
    Heic,
    Svg,
}

/// <summary>Tells an image's kind from its signature.</summary>
public static class ImageSniffer
{
    /// <summary>File extensions the site treats as images (the bytes still decide what they are).</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(
        [".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".avif", ".heic", ".heif", ".svg"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a file name looks like an image (for telling images from posts and other files).</summary>
    public static bool HasImageExtension(string name) => Extensions.Contains(Path.GetExtension(name));

    /// <summary>
    /// Whether <paramref name="path"/> may name an uploaded image, however it arrives (HTTP or a blob dropped into
    /// <c>posts</c>): plain segments of ASCII letters, digits, '.', '-' and '_' (no '..', no hidden file, no backslash,
    /// nothing to decode) ending in an image extension.
    /// </summary>
    public static bool IsSafeImagePath(string path) =>
        path.Length is > 0 and <= 200 && HasImageExtension(path)
        && path.Split('/').All(s => s.Length > 0 && s[0] != '.' && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));

    public static ImageKind Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return ImageKind.Jpeg;
        }

        if (bytes.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageKind.Png;
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return ImageKind.Gif;
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageKind.WebP;
        }

        if (bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8))
        {
            return ImageKind.Tiff;
        }

        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(bytes[8..12]);
            if (brand is "avif" or "avis")
            {
                return ImageKind.Avif;
            }

            if (brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1")
            {
                return ImageKind.Heic;
            }
        }

        return LooksLikeSvg(bytes) ? ImageKind.Svg : ImageKind.Unknown;
    }

    /// <summary>An XML or SVG document: text whose first element is <c>svg</c> (after a BOM, XML declaration, comments or doctype).</summary>
    private static bool LooksLikeSvg(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The content type a kind is served with.</summary>
    public static string ContentType(ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => "image/jpeg",
        ImageKind.Png => "image/png",
        ImageKind.Gif => "image/gif",
        ImageKind.WebP => "image/webp",
        ImageKind.Tiff => "image/tiff",
        ImageKind.Avif => "image/avif",
        ImageKind.Heic => "image/heic",
        ImageKind.Svg => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
