using CovalentBond.Publishing.Pages;
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
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", XmlDocumentWriter.Text(feed.Title));
            xml.WriteElementString("link", Absolute(feed.PageUrl));
            xml.WriteElementString("description", XmlDocumentWriter.Text(feed.Description));
            xml.WriteElementString("language", site.GetCulture().Name.ToLowerInvariant());
            if (site.Copyright is not null)
            {
                xml.WriteElementString("copyright", XmlDocumentWriter.Text(site.Copyright));
            }

            if (feed.Posts.Count > 0)
            {
                xml.WriteElementString("lastBuildDate", XmlDocumentWriter.Rfc822Date(feed.Posts.Max(p => p.Modified)));
            }

            xml.WriteStartElement("link", AtomNamespace);
            xml.WriteAttributeString("href", Absolute(path));
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();

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
}
