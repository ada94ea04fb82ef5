using System.Globalization;

namespace CovalentBond.Publishing.Pages;

/// <summary>Where each kind of page lives in the site (file paths) and its address (URLs, with a trailing slash for folders).</summary>
public static class SitePaths
{
    public const string Home = "index.html";
    public const string NotFound = "404.html";
    public const string Robots = "robots.txt";
    public const string Favicon = "favicon.svg";
    public const string Rss = "feed.xml";
    public const string Atom = "atom.xml";
    public const string SitemapIndex = "sitemap.xml";
    public const string PagesSitemap = "sitemaps/pages.xml";
    public const string NewsSitemap = "news-sitemap.xml";
    public const string TagsIndex = "tags/index.html";
    public const string TagsUrl = "/tags/";
    public const string Archives = "archives/index.html";
    public const string ArchivesUrl = "/archives/";

    public static string Tag(string slug) => $"tags/{slug}/index.html";

    public static string TagUrl(string slug) => $"/tags/{slug}/";

    public static string TagRss(string slug) => $"tags/{slug}/feed.xml";

    public static string TagAtom(string slug) => $"tags/{slug}/atom.xml";

    public const string AuthorsFolder = "authors/";

    /// <summary>Every correction, newest first, and its feed.</summary>
    public const string Corrections = "corrections/index.html";
    public const string CorrectionsUrl = "/corrections/";
    public const string CorrectionsRss = "corrections/feed.xml";

    /// <summary>Where the newsroom's editor (<c>/admin</c>) is installed in the static website; no page is written there.</summary>
    public const string AdminFolder = "admin/";

    /// <summary>
    /// An author's front page (<paramref name="page"/> 0: their newest posts) or archive page <paramref name="page"/>,
    /// numbered from their oldest posts (page 1 holds the oldest), so that a new post leaves every full archive page as it is.
    /// </summary>
    public static string Author(string slug, int page = 0) =>
        page <= 0 ? $"authors/{slug}/index.html" : string.Create(CultureInfo.InvariantCulture, $"authors/{slug}/page/{page}/index.html");

    public static string AuthorUrl(string slug, int page = 0) => UrlOf(Author(slug, page));

    public static string AuthorRss(string slug) => $"authors/{slug}/feed.xml";

    public static string ArchiveYear(int year) => $"archives/{year:D4}/index.html";

    public static string ArchiveYearUrl(int year) => $"/archives/{year:D4}/";

    public static string ArchiveMonth(int year, int month) => $"archives/{year:D4}/{month:D2}/index.html";

    public static string ArchiveMonthUrl(int year, int month) => $"/archives/{year:D4}/{month:D2}/";

    public static string MonthSitemap(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"sitemaps/posts-{year:D4}-{month:D2}.xml");

    /// <summary>The file an alias is served from: a folder's (<c>/old/path/</c>) <c>index.html</c>, or the file itself (<c>/old/path.html</c>).</summary>
    /// <remarks>An address is percent-encoded (<c>/%E4%BA%AC/</c>); the file is named as the request's path decodes (<c>京/index.html</c>), as the static website looks it up.</remarks>
    public static string Alias(string aliasPath)
    {
        var path = Uri.UnescapeDataString(aliasPath);
        return path.EndsWith('/') ? path.Trim('/') + "/index.html" : path.TrimStart('/');
    }

    /// <summary>The address of a file: folders' <c>index.html</c> become <c>/folder/</c>.</summary>
    public static string UrlOf(string path) =>
        path == Home ? "/" : path.EndsWith("/index.html", StringComparison.Ordinal) ? "/" + path[..^"index.html".Length] : "/" + path;

    /// <summary>
    /// Maps a request path to the file the static website would serve, the way Azure's static website
    /// does: a path ending in <c>/</c> serves that folder's <c>index.html</c>. Returns null for paths that
    /// try to leave the site.
    /// </summary>
    public static string? FileForRequest(string requestPath)
    {
        var path = Uri.UnescapeDataString(requestPath.Split('?', '#')[0]).TrimStart('/');
        if (path.Split('/').Any(segment => segment is ".." or "." || segment.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }
}
