using CovalentBond.Publishing.Pages;

namespace CovalentBond.Publishing.Ownership;

/// <summary>
/// The files and folders the site writes itself, each with the thing that holds it: no post may name one of them in
/// an alias. Compared without regard to case, and a folder of the site is held whole, so an alias can neither replace
/// one of these files nor make a folder where one of them is a file (a build's disk cannot hold both).
/// </summary>
public static class SiteFiles
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        [SitePaths.Home] = "the home page",
        [SitePaths.NotFound] = "the not-found page",
        [SitePaths.Robots] = "robots.txt",
        [SitePaths.Favicon] = "the site's icon",
        [SitePaths.Rss] = "the site's RSS feed",
        [SitePaths.Atom] = "the site's Atom feed",
        [SitePaths.SitemapIndex] = "the sitemap index",
        [SitePaths.NewsSitemap] = "the news sitemap",
    };

    /// <summary>
    /// Folders whose every file the site writes or will write: list pages, sitemaps, theme assets, images, and the
    /// families the open plans add (authors, corrections, search, the editor and its API), reserved before any post can take them.
    /// </summary>
    private static readonly Dictionary<string, string> Folders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tags"] = "the tag pages",
        ["archives"] = "the archive pages",
        ["sitemaps"] = "the sitemaps",
        ["assets"] = "the theme's assets",
        ["media"] = "the site's images",
        ["authors"] = "the author pages",
        ["corrections"] = "the corrections page",
        ["search"] = "the search pages",
        ["pagefind"] = "the search index",
        ["admin"] = "the editor",
        ["api"] = "the API",
        [".well-known"] = "the site's well-known files",
    };

    /// <summary>What of the site itself holds <paramref name="file"/> (a path such as <c>tags/x/index.html</c>), or null when the site does not write it.</summary>
    public static string? OwnerOf(string file)
    {
        if (Files.TryGetValue(file, out var owner))
        {
            return owner;
        }

        var first = file.Split('/')[0];
        if (file.Contains('/', StringComparison.Ordinal) && (Files.TryGetValue(first, out owner) || Folders.TryGetValue(first, out owner)))
        {
            return owner;
        }

        return Folders.TryGetValue(first, out owner) ? owner : null;
    }
}
