using System.Globalization;
using System.Xml.Linq;
using CovalentBond.Publishing.Posts;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Cli.Import;

/// <summary>
/// A WordPress export (WXR, Tools → Export): its posts with their status, dates, authors' display names,
/// categories and tags, excerpt, featured image and old address; bodies kept as HTML. Images stay on the old
/// host unless the folder of its <c>wp-content/uploads</c> is given, then they are copied beside their posts.
/// </summary>
internal static class WordPressImporter
{
    public const string Namespace = "http://wordpress.org/export/";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string ExcerptNs = "http://wordpress.org/export/1.";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    public static ImportSource Read(string path, string? uploads)
    {
        var channel = ExportXml.Load(path).Root?.Element("channel") ?? throw new InvalidDataException("the export has no <channel>");
        var authors = channel.Elements().Where(e => e.Name.LocalName == "author" && e.Name.NamespaceName.StartsWith(Namespace, StringComparison.Ordinal))
            .Select(a => (Login: ExportXml.Text(a, Namespace, "author_login"), Name: ExportXml.Text(a, Namespace, "author_display_name")))
            .Where(a => a.Login is not null)
            .GroupBy(a => a.Login!)
            .ToDictionary(g => g.Key, g => g.First().Name ?? g.Key, StringComparer.Ordinal);
        var items = channel.Elements("item").ToList();
        var attachments = items
            .Where(i => ExportXml.Text(i, Namespace, "post_type") == "attachment")
            .Select(i => (Id: ExportXml.Text(i, Namespace, "post_id"), Url: ExportXml.Text(i, Namespace, "attachment_url"), Alt: Meta(i, "_wp_attachment_image_alt")))
            .Where(a => a.Id is not null && a.Url is not null)
            .GroupBy(a => a.Id!)
            .ToDictionary(g => g.Key, g => (g.First().Url!, g.First().Alt), StringComparer.Ordinal);

        var posts = new List<ImportedPost>();
        var skipped = new List<string>();
        var number = 0;
        foreach (var item in items)
        {
            number++;
            var type = ExportXml.Text(item, Namespace, "post_type");
            var title = ExportXml.Text(item, "", "title") ?? item.Element("title")?.Value;
            var origin = $"item {number} ({type ?? "no type"}: {title ?? "untitled"})";
            if (type != "post")
            {
                if (type is "page")
                {
                    skipped.Add($"{origin}: a page, not a post; pages are not imported");
                }

                continue;
            }

            var status = ExportXml.Text(item, Namespace, "status") ?? "publish";
            if (status is "trash" or "auto-draft" or "inherit")
            {
                skipped.Add($"{origin}: its status is '{status}'");
                continue;
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                skipped.Add($"{origin}: it has no title");
                continue;
            }

            var post = Post(item, origin, System.Net.WebUtility.HtmlDecode(title.Trim()), status, authors, attachments, uploads);
            posts.Add(post with { Body = HtmlBodies.OwnLinksAsPaths(post.Body, channel.Element("link")?.Value) });
        }

        return new ImportSource("WordPress", posts, skipped);
    }

    private static ImportedPost Post(
        XElement item, string origin, string title, string status, Dictionary<string, string> authors, Dictionary<string, (string Url, string? Alt)> attachments, string? uploads)
    {
        var notes = new List<string>();
        var fields = new List<KeyValuePair<string, YamlNode>> { ImportFields.Text("title", title) };

        // The GMT date is exact; a draft's is 0000-00-00, and then the local date is the site's own time.
        var gmt = ExportXml.Text(item, Namespace, "post_date_gmt");
        var local = ExportXml.Text(item, Namespace, "post_date");
        DateTimeOffset? date = gmt is not null && !gmt.StartsWith("0000", StringComparison.Ordinal)
            && DateTime.TryParseExact(gmt, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
            ? new DateTimeOffset(utc, TimeSpan.Zero)
            : null;
        if (date is not null)
        {
            fields.Add(ImportFields.Date("date", date.Value));
        }
        else if (local is not null && !local.StartsWith("0000", StringComparison.Ordinal))
        {
            fields.Add(ImportFields.Text("date", local));
            date = ImportFields.ParseDate(local) ?? DateTimeOffset.UtcNow;
        }
        else
        {
            notes.Add("it has no date: given the time of the import");
            date = DateTimeOffset.UtcNow;
            fields.Add(ImportFields.Date("date", date.Value));
        }

        var name = Uri.UnescapeDataString(ExportXml.Text(item, Namespace, "post_name") ?? string.Empty);
        var slug = Slug.FromTitle(name.Length > 0 ? name : title) ?? "post";
        fields.Add(ImportFields.Text("slug", slug));

        if (ExportXml.Text(item, DcNs, "creator") is { } login)
        {
            fields.Add(ImportFields.Text("author", authors.GetValueOrDefault(login, login)));
        }

        if (ExportXml.Text(item, ExcerptNs, "encoded") is { } excerpt && HtmlBodies.PlainText(excerpt) is { Length: > 0 } lede)
        {
            fields.Add(ImportFields.Text("description", lede));
        }

        var categories = Terms(item, "category").Where(c => !string.Equals(c, "Uncategorized", StringComparison.OrdinalIgnoreCase)).ToList();
        var tags = Terms(item, "post_tag");
        if (tags.Count > 0)
        {
            fields.Add(ImportFields.List("tags", tags));
        }

        if (categories.Count > 0)
        {
            fields.Add(ImportFields.List("categories", categories));
        }

        switch (status)
        {
            case "draft" or "pending" or "private":
                fields.Add(ImportFields.Text("draft", "true"));
                notes.Add($"its WordPress status was '{status}': imported as a draft");
                break;
            case "future":
                notes.Add("it was scheduled: it goes live at its date");
                break;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Resolve(string url) => Upload(url, uploads, notes);
        if (Meta(item, "_thumbnail_id") is { } thumbnail && attachments.TryGetValue(thumbnail, out var featured))
        {
            fields.Add(ImportFields.Text("image", featured.Url));
            if (featured.Alt is { Length: > 0 } alt)
            {
                fields.Add(ImportFields.Text("imageAlt", alt));
            }
        }

        var body = HtmlBodies.FromWordPress(item.Elements().FirstOrDefault(e => e.Name.LocalName == "encoded" && e.Name.NamespaceName == ContentNs)?.Value ?? string.Empty, notes);
        body = HtmlBodies.LocalImagesAsMarkdown(LocalFiles.InBody(body, Resolve, files), notes);
        LocalFiles.InFields(fields, Resolve, files);
        var remote = body.Split("/wp-content/uploads/").Length - 1;
        if (remote > 0)
        {
            notes.Add($"{remote} {(remote == 1 ? "file stays" : "files stay")} on the old host (wp-content/uploads): give --uploads the folder of those files to bring them along");
        }

        var link = item.Element("link")?.Value;
        var oldUrl = ImportFields.PathOf(link);
        if (oldUrl is null && link is { Length: > 0 })
        {
            notes.Add($"its old address '{link}' has no path a redirect can stand at (WordPress' plain ?p= links)");
        }

        return new ImportedPost
        {
            Origin = origin,
            Name = $"{date.Value:yyyy-MM-dd}-{slug}",
            Fields = fields,
            Body = body,
            Files = files,
            OldUrl = oldUrl,
            Notes = notes,
        };
    }

    /// <summary>The file of <c>wp-content/uploads/…</c> in the uploads folder, when one is given and has it.</summary>
    private static string? Upload(string url, string? uploads, List<string> notes)
    {
        var at = url.IndexOf("/wp-content/uploads/", StringComparison.Ordinal);
        return uploads is null || at < 0 ? null : LocalFiles.UnderRoot("/" + url[(at + "/wp-content/uploads/".Length)..], uploads, uploads, uploads, notes);
    }

    private static List<string> Terms(XElement item, string domain) =>
        item.Elements("category").Where(c => (string?)c.Attribute("domain") == domain).Select(c => c.Value.Trim()).Where(v => v.Length > 0).Distinct().ToList();

    private static string? Meta(XElement item, string key) =>
        item.Elements().Where(e => e.Name.LocalName == "postmeta" && e.Name.NamespaceName.StartsWith(Namespace, StringComparison.Ordinal))
            .Where(m => ExportXml.Text(m, Namespace, "meta_key") == key)
            .Select(m => ExportXml.Text(m, Namespace, "meta_value"))
            .FirstOrDefault();
}
