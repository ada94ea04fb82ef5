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

    /// <summary>Pages change when posts do: the CDN may keep them briefly, browsers must revalidate (<see cref="Edge.CacheLifetimes.Fresh"/>).</summary>
    public const string PageCacheControl = Edge.CacheLifetimes.Fresh;

    /// <summary>Assets are named by their content hash, so they never change under one name.</summary>
    public const string ImmutableCacheControl = Edge.CacheLifetimes.Immutable;
}
