using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace CovalentBond.Publishing.Media;

/// <summary>
/// The two lines of an image's metadata the site keeps: who to credit and the copyright. Everything else
/// (position, camera, serial numbers, owner, software, dates) is dropped from every variant.
/// </summary>
public sealed partial record MediaCredit(string? Credit, string? Copyright)
{
    private const int MaxLength = 300;

    public bool IsEmpty => Credit is null && Copyright is null;

    /// <summary>
    /// Reads the credit and copyright from XMP (<c>photoshop:Credit</c>, <c>dc:rights</c>), then IPTC (2:110 Credit,
    /// 2:116 Copyright Notice), then EXIF (<c>Copyright</c>), the first found winning.
    /// </summary>
    public static MediaCredit Read(byte[]? xmp, byte[]? iptc, string? exifCopyright)
    {
        string? credit = null, copyright = null;
        if (xmp is { Length: > 0 })
        {
            var text = Encoding.UTF8.GetString(xmp);
            credit = XmpValue(text, "photoshop:Credit");
            copyright = XmpValue(text, "dc:rights");
        }

        if (iptc is { Length: > 0 })
        {
            credit ??= IptcValue(iptc, 110);
            copyright ??= IptcValue(iptc, 116);
        }

        copyright ??= exifCopyright;
        return new MediaCredit(Clean(credit), Clean(copyright));
    }

    /// <summary>A minimal XMP packet holding only these two lines, for the variants.</summary>
    public byte[] ToXmp()
    {
        var body = new StringBuilder();
        if (Credit is not null)
        {
            body.Append("<photoshop:Credit>").Append(SecurityElement.Escape(Credit)).Append("</photoshop:Credit>");
        }

        if (Copyright is not null)
        {
            body.Append("<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(SecurityElement.Escape(Copyright)).Append("</rdf:li></rdf:Alt></dc:rights>");
        }

        return Encoding.UTF8.GetBytes(
            "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">"
            + body + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");
    }

    private static string? XmpValue(string xmp, string property)
    {
        // Either an attribute (photoshop:Credit="…") or an element, possibly holding an rdf:Alt/Seq of rdf:li.
        var attribute = Regex.Match(xmp, Regex.Escape(property) + "=\"([^\"]*)\"");
        if (attribute.Success)
        {
            return System.Net.WebUtility.HtmlDecode(attribute.Groups[1].Value);
        }

        var element = Regex.Match(xmp, "<" + Regex.Escape(property) + "[^>]*>(.*?)</" + Regex.Escape(property) + ">", RegexOptions.Singleline);
        if (!element.Success)
        {
            return null;
        }

        var inner = element.Groups[1].Value;
        var item = ListItem().Match(inner);
        return System.Net.WebUtility.HtmlDecode(item.Success ? item.Groups[1].Value : Tags().Replace(inner, string.Empty));
    }

    /// <summary>The first IPTC IIM dataset 2:<paramref name="dataset"/> in a block (found by its tag marker, inside a Photoshop resource or bare).</summary>
    private static string? IptcValue(byte[] block, byte dataset)
    {
        for (var i = 0; i + 5 <= block.Length; i++)
        {
            if (block[i] == 0x1C && block[i + 1] == 2 && block[i + 2] == dataset)
            {
                var length = (block[i + 3] << 8) | block[i + 4];
                if ((length & 0x8000) == 0 && i + 5 + length <= block.Length)
                {
                    return Encoding.UTF8.GetString(block, i + 5, length);
                }
            }
        }

        return null;
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length == 0 ? null : text.Length > MaxLength ? text[..MaxLength] : text;
    }

    [GeneratedRegex("<rdf:li[^>]*>(.*?)</rdf:li>", RegexOptions.Singleline)]
    private static partial Regex ListItem();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
