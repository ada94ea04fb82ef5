using System.Globalization;
using System.Xml.Linq;
using CovalentBond.Publishing.Posts;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Cli.Import;

/// <summary>
/// An RSS 2.0 or Atom feed file: the way off hosted platforms (Wix, Substack, Medium, Ghost) whose feeds carry
/// whole posts. Each entry becomes a post with its HTML body, date, author, categories as tags, image and old
/// address; an entry that carries only a summary is imported and reported, since its full text is not in the feed.
/// </summary>
internal static class FeedImporter
{
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";
    private const string MediaNs = "http://search.yahoo.com/mrss/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static ImportSource Read(string path, string kind)
    {
        var root = ExportXml.Load(path).Root ?? throw new InvalidDataException("the feed is empty");
        var entries = kind == "atom"
            ? root.Elements(Atom + "entry").Select(AtomEntry)
            : (root.Element("channel")?.Elements("item") ?? []).Select(RssItem);
        var posts = new List<ImportedPost>();
        var skipped = new List<string>();
        var number = 0;
        foreach (var entry in entries)
        {
            number++;
            var origin = $"entry {number} ({entry.Title ?? "untitled"})";
            if (string.IsNullOrWhiteSpace(entry.Title))
            {
                skipped.Add($"{origin}: it has no title");
                continue;
            }

            var post = Post(entry with { Title = System.Net.WebUtility.HtmlDecode(entry.Title!) }, origin);
            var site = kind == "atom" ? (string?)root.Elements(Atom + "link").FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate")?.Attribute("href") : root.Element("channel")?.Element("link")?.Value;
            posts.Add(post with { Body = HtmlBodies.OwnLinksAsPaths(post.Body, site) });
        }

        return new ImportSource(kind == "atom" ? "Atom feed" : "RSS feed", posts, skipped);
    }

    private sealed record Entry(string? Title, string? Link, DateTimeOffset? Date, string? Author, List<string> Categories, string? Content, string? Summary, string? Image);

    private static Entry RssItem(XElement item) => new(
        item.Element("title")?.Value.Trim(),
        item.Element("link")?.Value.Trim() ?? ((string?)item.Element("guid")?.Attribute("isPermaLink") != "false" ? item.Element("guid")?.Value.Trim() : null),
        RssDate(item.Element("pubDate")?.Value) ?? ImportFields.ParseDate(item.Element(XName.Get("date", DcNs))?.Value),
        item.Element(XName.Get("creator", DcNs))?.Value.Trim() ?? item.Element("author")?.Value.Trim(),
        item.Elements("category").Select(c => c.Value.Trim()).Where(c => c.Length > 0).Distinct().ToList(),
        item.Element(XName.Get("encoded", ContentNs))?.Value,
        item.Element("description")?.Value,
        (string?)item.Elements(XName.Get("content", MediaNs)).FirstOrDefault(m => ((string?)m.Attribute("medium") ?? "image") == "image")?.Attribute("url")
            ?? (string?)item.Elements("enclosure").FirstOrDefault(e => ((string?)e.Attribute("type"))?.StartsWith("image/", StringComparison.Ordinal) == true)?.Attribute("url"));

    private static Entry AtomEntry(XElement entry) => new(
        entry.Element(Atom + "title")?.Value.Trim(),
        (string?)entry.Elements(Atom + "link").FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate")?.Attribute("href"),
        ImportFields.ParseDate(entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value),
        entry.Element(Atom + "author")?.Element(Atom + "name")?.Value.Trim(),
        entry.Elements(Atom + "category").Select(c => ((string?)c.Attribute("label") ?? (string?)c.Attribute("term") ?? string.Empty).Trim()).Where(c => c.Length > 0).Distinct().ToList(),
        AtomText(entry.Element(Atom + "content")),
        AtomText(entry.Element(Atom + "summary")),
        null);

    private static string? AtomText(XElement? element) =>
        element is null ? null
        : (string?)element.Attribute("type") == "xhtml" ? string.Concat(element.Elements().FirstOrDefault()?.Nodes() ?? [])
        : (string?)element.Attribute("type") is "html" ? element.Value
        : System.Net.WebUtility.HtmlEncode(element.Value);

    /// <summary>RFC 822 dates as feeds write them (<c>Tue, 10 Jun 2025 09:41:00 GMT</c>, <c>+0200</c>, <c>EST</c>).</summary>
    private static DateTimeOffset? RssDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        foreach (var (zone, offset) in new[] { ("GMT", "+00:00"), ("UT", "+00:00"), ("Z", "+00:00"), ("EST", "-05:00"), ("EDT", "-04:00"), ("CST", "-06:00"), ("CDT", "-05:00"), ("MST", "-07:00"), ("MDT", "-06:00"), ("PST", "-08:00"), ("PDT", "-07:00") })
        {
            if (trimmed.EndsWith(" " + zone, StringComparison.Ordinal))
            {
                trimmed = trimmed[..^zone.Length] + offset;
                break;
            }
        }

        trimmed = System.Text.RegularExpressions.Regex.Replace(trimmed, @"([+-]\d{2})(\d{2})$", "$1:$2");
        var withoutDay = trimmed.Contains(',', StringComparison.Ordinal) ? trimmed[(trimmed.IndexOf(',', StringComparison.Ordinal) + 1)..].Trim() : trimmed;
        string[] formats = ["d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz"];
        return DateTimeOffset.TryParseExact(withoutDay, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date
            : ImportFields.ParseDate(text);
    }

    private static ImportedPost Post(Entry entry, string origin)
    {
        var notes = new List<string>();
        var fields = new List<KeyValuePair<string, YamlNode>> { ImportFields.Text("title", entry.Title!) };
        var date = entry.Date;
        if (date is null)
        {
            notes.Add("it has no date: given the time of the import");
            date = DateTimeOffset.UtcNow;
        }

        fields.Add(ImportFields.Date("date", date.Value));
        var oldUrl = ImportFields.PathOf(entry.Link);
        var lastSegment = oldUrl?.TrimEnd('/').Split('/')[^1];
        var slug = (lastSegment is { Length: > 0 } ? Slug.FromTitle(Uri.UnescapeDataString(System.IO.Path.GetFileNameWithoutExtension(lastSegment))) : null) ?? Slug.FromTitle(entry.Title!) ?? "post";
        fields.Add(ImportFields.Text("slug", slug));
        if (entry.Author is { Length: > 0 } author)
        {
            fields.Add(ImportFields.Text("author", author));
        }

        if (entry.Categories.Count > 0)
        {
            fields.Add(ImportFields.List("tags", entry.Categories));
        }

        if (entry.Image is { Length: > 0 } image)
        {
            fields.Add(ImportFields.Text("image", image));
            notes.Add("its image stays on the old host and has no text alternative: download it beside the post and write imageAlt");
        }

        string body;
        if (entry.Content is { Length: > 0 } content)
        {
            body = HtmlBodies.FromFeed(content);
            if (entry.Summary is { Length: > 0 } summary && HtmlBodies.PlainText(summary) is { Length: > 0 and <= 300 } lede && !content.Contains(summary, StringComparison.Ordinal))
            {
                fields.Add(ImportFields.Text("description", lede));
            }
        }
        else
        {
            body = HtmlBodies.FromFeed(entry.Summary ?? string.Empty);
            notes.Add("the feed carries only its summary: the full text must be copied from the old site");
        }

        if (body.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add("its body shows images from the old host: download them beside the post and point the body at them");
        }

        return new ImportedPost
        {
            Origin = origin,
            Name = $"{date.Value:yyyy-MM-dd}-{slug}",
            Fields = fields,
            Body = body,
            OldUrl = oldUrl,
            Notes = notes,
        };
    }
}
