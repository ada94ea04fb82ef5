using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Feeds;

/// <summary>An RSS 2.0 feed. Dates come from the posts, not the clock, so the same posts give the same bytes.</summary>
public static class RssFeed
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    private const string MediaRssNamespace = "http://search.yahoo.com/mrss/";

    public static SitePage Render(SiteOptions site, string path, FeedSource feed)
    {
        string Absolute(string url) => site.NormalizedBaseUrl + url.TrimStart('/');
        var content = XmlDocumentWriter.Write(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
            if (feed.Posts.Any(p => p.Hero is not null))
            {
                xml.WriteAttributeString("xmlns", "media", null, MediaRssNamespace);
            }
            WriteChannelHead(xml, site, path, feed.Title, feed.Description, feed.PageUrl, feed.Posts.Count > 0 ? feed.Posts.Max(p => p.Modified) : null);

            foreach (var post in feed.Posts)
            {
                var url = Absolute(site.ArticleUrl(post.Slug, post.Date));
                xml.WriteStartElement("item");
                xml.WriteElementString("title", XmlDocumentWriter.Text(post.Title));
                xml.WriteElementString("link", url);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "true");
                xml.WriteString(url);
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", XmlDocumentWriter.Rfc822Date(post.Date));
                if (post.Subtitle is not null)
                {
                    xml.WriteElementString("description", XmlDocumentWriter.Text(post.Subtitle));
                }

                if (post.Author is not null)
                {
                    xml.WriteElementString("creator", DublinCoreNamespace, XmlDocumentWriter.Text(post.Author));
                }

                foreach (var tag in post.Tags)
                {
                    xml.WriteElementString("category", XmlDocumentWriter.Text(tag.Name));
                }

                if (post.Hero is { } hero)
                {
                    // Media RSS rather than <enclosure>, which needs the file's length in bytes: the hero's social card.
                    xml.WriteStartElement("content", MediaRssNamespace);
                    xml.WriteAttributeString("url", Absolute("/" + hero.OpenGraphPath));
                    xml.WriteAttributeString("medium", "image");
                    xml.WriteAttributeString("type", "image/jpeg");
                    xml.WriteAttributeString("width", Media.MediaOptions.OpenGraphWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("height", Media.MediaOptions.OpenGraphHeight.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });
        return new SitePage(path, content, SitePage.RssContentType, SitePage.PageCacheControl);
    }

    /// <summary>
    /// A feed of dated notes on posts (the corrections feed): one item per note, titled by <paramref name="itemTitle"/>,
    /// linking to the note's place on its article; the guid tells two notes of one post apart.
    /// </summary>
    /// <param name="notes">The notes with their posts, newest first.</param>
    public static SitePage RenderNotes(SiteOptions site, string path, string title, string description, string pageUrl,
        IReadOnlyList<(PostSummary Post, PostNote Note)> notes, Func<PostSummary, string> itemTitle, string anchor)
    {
        string Absolute(string url) => site.NormalizedBaseUrl + url.TrimStart('/');
        var content = XmlDocumentWriter.Write(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            WriteChannelHead(xml, site, path, title, description, pageUrl, notes.Count > 0 ? notes.Max(n => n.Note.Date) : null);
            foreach (var (post, note) in notes)
            {
                var url = Absolute(site.ArticleUrl(post.Slug, post.Date)) + "#" + anchor;
                xml.WriteStartElement("item");
                xml.WriteElementString("title", XmlDocumentWriter.Text(itemTitle(post)));
                xml.WriteElementString("link", url);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(url + "-" + note.Date.UtcDateTime.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture));
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", XmlDocumentWriter.Rfc822Date(note.Date));
                xml.WriteElementString("description", XmlDocumentWriter.Text(note.Text));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });
        return new SitePage(path, content, SitePage.RssContentType, SitePage.PageCacheControl);
    }

    /// <summary>The channel's opening: title, link, description, language, copyright, last change and self link.</summary>
    private static void WriteChannelHead(System.Xml.XmlWriter xml, SiteOptions site, string path, string title, string description, string pageUrl, DateTimeOffset? lastBuild)
    {
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", XmlDocumentWriter.Text(title));
        xml.WriteElementString("link", site.NormalizedBaseUrl + pageUrl.TrimStart('/'));
        xml.WriteElementString("description", XmlDocumentWriter.Text(description));
        xml.WriteElementString("language", site.GetCulture().Name.ToLowerInvariant());
        if (site.Copyright is not null)
        {
            xml.WriteElementString("copyright", XmlDocumentWriter.Text(site.Copyright));
        }

        if (lastBuild is { } last)
        {
            xml.WriteElementString("lastBuildDate", XmlDocumentWriter.Rfc822Date(last));
        }

        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("href", site.NormalizedBaseUrl + path.TrimStart('/'));
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();
    }
}
