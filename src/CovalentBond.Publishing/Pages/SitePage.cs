namespace CovalentBond.Publishing.Pages;

/// <summary>One file of the static site, ready to be written to the site store.</summary>
/// <param name="Path">Path inside the site, without a leading slash: <c>posts/x/index.html</c>.</param>
public sealed record SitePage(string Path, byte[] Content, string ContentType, string CacheControl)
{
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string CssContentType = "text/css; charset=utf-8";
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string AtomContentType = "application/atom+xml; charset=utf-8";
    public const string XmlContentType = "application/xml; charset=utf-8";
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>Pages change when posts do: the CDN keeps them 30 s, browsers revalidate (Edge/CacheLifetimes: fresh).</summary>
    public const string PageCacheControl = "public, max-age=0, s-maxage=30";

    /// <summary>Pages that have settled: an hour at the CDN, a minute in browsers (Edge/CacheLifetimes: settled).</summary>
    public const string SettledCacheControl = "public, max-age=60, s-maxage=3600";

    /// <summary>Assets are named by their content hash, so they never change under one name.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
}
