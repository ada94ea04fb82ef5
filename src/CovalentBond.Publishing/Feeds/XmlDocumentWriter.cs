using System.Globalization;
using System.Text;
using System.Xml;

namespace CovalentBond.Publishing.Feeds;

/// <summary>Writes an XML document (feed or sitemap) to UTF-8 bytes without a byte-order mark.</summary>
internal static class XmlDocumentWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Text from content, safe for XML: a character XML 1.0 cannot carry becomes U+FFFD. Posts are checked
    /// when they arrive, but these writers draw on every stored post and must never fail on one.
    /// </summary>
    public static string Text(string text) => Posts.PostText.Clean(text);

    /// <summary>W3C date-time (RFC 3339) in UTC, as Atom and sitemaps want it.</summary>
    public static string W3cDate(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>RFC 822 date, as RSS 2.0 wants it.</summary>
    public static string Rfc822Date(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
}
