using System.Buffers;
using System.Globalization;
using System.Text;

namespace CovalentBond.Publishing.Ownership;

/// <summary>
/// An alias as the static website serves it: the address decoded once, to the file a request for it reads, checked
/// there, and written back in one canonical form. Every check of an alias is made on <see cref="File"/>, never on the
/// text an author wrote (<c>/%69ndex.html</c> is the home page's file, <c>index.html</c>).
/// </summary>
/// <param name="Url">The canonical address: each segment percent-encoded the one way (<c>/2025/05/%E4%BA%AC/</c>).</param>
/// <param name="File">The file of the site it is served from (<c>2025/05/京/index.html</c>).</param>
public sealed record AliasAddress(string Url, string File)
{
    /// <summary>Characters an alias may be written with, before decoding (a URL path's unreserved characters and '%').</summary>
    private static readonly SearchValues<char> Written = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%/");

    /// <summary>ASCII characters a decoded alias may hold; other ASCII (controls, space, '\', '%', '?', '#', quotes) never.</summary>
    private static readonly SearchValues<char> DecodedAscii = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/");

    /// <summary>
    /// Reads an alias: made absolute against <paramref name="section"/> when relative (as Hugo resolves one), decoded
    /// once, checked, and made canonical. Null with <paramref name="problem"/> saying why when it cannot be an address of
    /// this site's own.
    /// </summary>
    public static AliasAddress? Parse(string text, string section, out string? problem)
    {
        var path = text.Trim();
        if (path.Length > 0 && path[0] != '/' && !path.Contains("://", StringComparison.Ordinal))
        {
            path = section + path;
        }

        if (path.Length == 0 || path[0] != '/' || path.AsSpan().IndexOfAnyExcept(Written) >= 0)
        {
            problem = $"'{text}' must be a path on the site such as /2025/05/old-name/";
            return null;
        }

        if (Decode(path) is not { } decoded)
        {
            problem = $"'{text}' is not a valid percent-encoded address (each % must start a UTF-8 byte such as %C3%A9)";
            return null;
        }

        if (Forbidden(decoded) is { } why)
        {
            problem = $"'{text}' {why}";
            return null;
        }

        var segments = decoded.Split('/');
        if (segments.Skip(1).SkipLast(1).Any(s => s.Length == 0) || segments.Any(s => s is "." or ".."))
        {
            problem = $"'{text}' has an empty, '.' or '..' segment once decoded ('{decoded}'): write the address the way readers see it";
            return null;
        }

        // Aliases are folders (/old/name and /old/name/ are the same address), or pages of an old site (/2015/11/08/x.html).
        var isFile = decoded.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || decoded.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
        var folder = !isFile && !decoded.EndsWith('/') ? decoded + "/" : decoded;
        var file = isFile ? folder.TrimStart('/') : folder.Trim('/') is { Length: > 0 } f ? f + "/index.html" : "index.html";
        var url = string.Join('/', folder.Split('/').Select(Uri.EscapeDataString));
        problem = null;
        return new AliasAddress(url, file);
    }

    /// <summary>The file an alias already in canonical form is served from, or null when it is not one (an index written before the checks).</summary>
    public static string? FileOf(string alias) => Parse(alias, "/", out _)?.File;

    /// <summary>Percent-decodes once into UTF-8; null when a '%' does not start a byte or the bytes are not UTF-8.</summary>
    private static string? Decode(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path;
        }

        var bytes = new List<byte>(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '%')
            {
                bytes.Add((byte)path[i]);
                continue;
            }

            if (i + 2 >= path.Length || !byte.TryParse(path.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return null;
            }

            bytes.Add(b);
            i += 2;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why a decoded path cannot be a file name of the site, or null. ASCII is limited to a URL path's characters; beyond
    /// it only letters, marks and digits (an imported site's old addresses in its own script), never format characters
    /// (bidi and zero-width marks), spaces, symbols or private-use characters.
    /// </summary>
    private static string? Forbidden(string decoded)
    {
        foreach (var rune in decoded.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                if (!DecodedAscii.Contains((char)rune.Value))
                {
                    return $"holds {Describe(rune)} once decoded, which no address of the site may hold";
                }

                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (rune == Rune.ReplacementChar || category is not (UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber))
            {
                return $"holds {Describe(rune)} once decoded: beyond ASCII an address may hold only letters, marks and digits";
            }
        }

        return null;
    }

    private static string Describe(Rune rune) =>
        rune.Value is >= 0x21 and < 0x7F ? $"'{(char)rune.Value}'" : "U+" + rune.Value.ToString("X4", CultureInfo.InvariantCulture);
}
