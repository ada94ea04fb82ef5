using CovalentBond.Publishing.Feeds;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Sitemaps;

/// <summary>One address in a sitemap, with when it last changed.</summary>
public sealed record SitemapEntry(string Url, DateTimeOffset? LastModified);

/// <summary>
/// Sitemaps (sitemaps.org 0.9): an index pointing at one sitemap per month of posts and one for the
/// list pages, so publishing a post rewrites only its month's sitemap and the index.
/// </summary>
public static class Sitemap
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>The sitemap index; each entry's lastmod is the newest change in that sitemap.</summary>
    public static SitePage RenderIndex(SiteOptions site, IReadOnlyList<SitemapEntry> sitemaps)
    {
        var content = XmlDocumentWriter.Write(xml =>
        {
            xml.WriteStartElement("sitemapindex", Namespace);
            foreach (var entry in sitemaps)
            {
                xml.WriteStartElement("sitemap", Namespace);
                xml.WriteElementString("loc", Namespace, site.NormalizedBaseUrl + entry.Url.TrimStart('/'));
                if (entry.LastModified is { } lastModified)
                {
                    xml.WriteElementString("lastmod", Namespace, XmlDocumentWriter.W3cDate(lastModified));
                }
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return new SitePage(SitePaths.SitemapIndex, content, SitePage.XmlContentType, SitePage.PageCacheControl);
    }

    /// <summary>A sitemap of addresses (a month's posts, or the list pages).</summary>
    public static SitePage RenderUrlSet(SiteOptions site, string path, IReadOnlyList<SitemapEntry> entries)
    {
        var content = XmlDocumentWriter.Write(xml =>
        {
            xml.WriteStartElement("urlset", Namespace);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, site.NormalizedBaseUrl + entry.Url.TrimStart('/'));
                if (entry.LastModified is { } lastModified)
                {
                    xml.WriteElementString("lastmod", Namespace, XmlDocumentWriter.W3cDate(lastModified));
                }
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return new SitePage(path, content, SitePage.XmlContentType, SitePage.PageCacheControl);
    }

    /// <summary>The Google News sitemap: posts that went live in the 48 hours before <paramref name="now"/>.</summary>
    public static SitePage RenderNews(SiteOptions site, IReadOnlyList<PostSummary> recent, DateTimeOffset now)
    {
        var posts = recent.Where(p => p.Date <= now && p.Date > now.AddHours(-48)).ToList();
        var content = XmlDocumentWriter.Write(xml =>
        {
            xml.WriteStartElement("urlset", Namespace);
            xml.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            foreach (var post in posts)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, site.NormalizedBaseUrl + site.ArticleUrl(post.Slug, post.Date).TrimStart('/'));
                xml.WriteStartElement("news", NewsNamespace);
                xml.WriteStartElement("publication", NewsNamespace);
                xml.WriteElementString("name", NewsNamespace, XmlDocumentWriter.Text(site.Name));
                xml.WriteElementString("language", NewsNamespace, site.GetCulture().TwoLetterISOLanguageName);
                xml.WriteEndElement();
                xml.WriteElementString("publication_date", NewsNamespace, XmlDocumentWriter.W3cDate(post.Date));
                xml.WriteElementString("title", NewsNamespace, XmlDocumentWriter.Text(post.Title));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return new SitePage(SitePaths.NewsSitemap, content, SitePage.XmlContentType, SitePage.PageCacheControl);
    }

    /// <summary><c>robots.txt</c>: everything may be crawled; here are the sitemaps.</summary>
    public static SitePage RenderRobots(SiteOptions site)
    {
        var text = $"User-agent: *\nAllow: /\n\nSitemap: {site.NormalizedBaseUrl}{SitePaths.SitemapIndex}\nSitemap: {site.NormalizedBaseUrl}{SitePaths.NewsSitemap}\n";
        return new SitePage(SitePaths.Robots, System.Text.Encoding.UTF8.GetBytes(text), SitePage.TextContentType, SitePage.PageCacheControl);
    }
}
