using System.Xml;
using System.Xml.Linq;

namespace CovalentBond.Cli.Import;

/// <summary>Reads an export file as XML without resolving anything it points to (no DTD, no external entities).</summary>
internal static class ExportXml
{
    public static XDocument Load(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, CheckCharacters = false };
        using var reader = XmlReader.Create(path, settings);
        return XDocument.Load(reader);
    }

    /// <summary>The first child of <paramref name="element"/> with the local name <paramref name="name"/> in a namespace whose URI starts with <paramref name="ns"/> (WordPress versions its namespaces).</summary>
    public static XElement? Child(XElement element, string ns, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name && e.Name.NamespaceName.StartsWith(ns, StringComparison.Ordinal));

    public static string? Text(XElement element, string ns, string name) =>
        Child(element, ns, name)?.Value is { } value && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>The root's kind: <c>wxr</c> (a WordPress export), <c>rss</c> or <c>atom</c>, or null.</summary>
    public static string? KindOf(string path)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(path, settings);
            reader.MoveToContent();
            if (reader.LocalName == "feed")
            {
                return "atom";
            }

            if (reader.LocalName != "rss")
            {
                return null;
            }

            for (var i = 0; i < reader.AttributeCount; i++)
            {
                reader.MoveToAttribute(i);
                if (reader.Value.StartsWith(WordPressImporter.Namespace, StringComparison.Ordinal))
                {
                    return "wxr";
                }
            }

            return "rss";
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
