using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Feeds;

/// <summary>An Atom (RFC 4287) feed.</summary>
public static class AtomFeed
{
    private const string Namespace = "http://www.w3.org/2005/Atom";

    // A feed with no entries still needs <updated>; a fixed instant keeps its bytes stable.
    private static readonly DateTimeOffset EmptyFeedUpdated = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SitePage Render(SiteOptions site, string path, FeedSource feed)
    {
        string Absolute(string url) => site.NormalizedBaseUrl + url.TrimStart('/');
        var content = XmlDocumentWriter.Write(xml =>
        {
            xml.WriteStartElement("feed", Namespace);
            xml.WriteAttributeString("xml", "lang", null, site.GetCulture().Name);
            xml.WriteElementString("title", Namespace, XmlDocumentWriter.Text(feed.Title));
            xml.WriteElementString("subtitle", Namespace, XmlDocumentWriter.Text(feed.Description));
            xml.WriteElementString("id", Namespace, Absolute(feed.PageUrl));
            WriteLink(xml, "self", Absolute(path), "application/atom+xml");
            WriteLink(xml, "alternate", Absolute(feed.PageUrl), "text/html");
            xml.WriteElementString("updated", Namespace, XmlDocumentWriter.W3cDate(feed.Posts.Count > 0 ? feed.Posts.Max(p => p.Modified) : EmptyFeedUpdated));
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, XmlDocumentWriter.Text(site.Name));
            xml.WriteEndElement();
            if (site.Copyright is not null)
            {
                xml.WriteElementString("rights", Namespace, XmlDocumentWriter.Text(site.Copyright));
            }

            foreach (var post in feed.Posts)
            {
                var url = Absolute(site.ArticleUrl(post.Slug, post.Date));
                xml.WriteStartElement("entry", Namespace);
                xml.WriteElementString("title", Namespace, XmlDocumentWriter.Text(post.Title));
                xml.WriteElementString("id", Namespace, url);
                WriteLink(xml, "alternate", url, "text/html");
                if (post.Hero is { } hero)
                {
                    // The hero's social card (1200×630 JPEG), as feed readers show an entry's picture.
                    WriteLink(xml, "enclosure", Absolute("/" + hero.OpenGraphPath), "image/jpeg");
                }

                xml.WriteElementString("published", Namespace, XmlDocumentWriter.W3cDate(post.Date));
                xml.WriteElementString("updated", Namespace, XmlDocumentWriter.W3cDate(post.Modified));
                if (post.Author is not null)
                {
                    xml.WriteStartElement("author", Namespace);
                    xml.WriteElementString("name", Namespace, XmlDocumentWriter.Text(post.Author));
                    xml.WriteEndElement();
                }

                foreach (var tag in post.Tags)
                {
                    xml.WriteStartElement("category", Namespace);
                    xml.WriteAttributeString("term", tag.Slug);
                    xml.WriteAttributeString("label", XmlDocumentWriter.Text(tag.Name));
                    xml.WriteEndElement();
                }

                if (post.Subtitle is not null)
                {
                    xml.WriteElementString("summary", Namespace, XmlDocumentWriter.Text(post.Subtitle));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return new SitePage(path, content, SitePage.AtomContentType, SitePage.PageCacheControl);
    }

    private static void WriteLink(System.Xml.XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
