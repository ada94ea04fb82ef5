using CovalentBond.Publishing.Pages;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The folders the list pages live in (tags, authors, corrections, archives and sitemaps, and the site's top level), and which of their files
/// a batch's keys write: what a job hands each batch of list pages so that it lists no folder itself.
/// </summary>
public static class ListFolders
{
    private const string Tags = "tags/";
    private const string ArchivesFolder = "archives/";
    private const string Sitemaps = "sitemaps/";
    private const string Authors = SitePaths.AuthorsFolder;
    private const string Corrections = "corrections/";

    /// <summary>Whether <paramref name="path"/> is in one of the list pages' folders (not the top level).</summary>
    public static bool Holds(string path) =>
        path.StartsWith(Tags, StringComparison.Ordinal) || path.StartsWith(ArchivesFolder, StringComparison.Ordinal) || path.StartsWith(Sitemaps, StringComparison.Ordinal)
        || path.StartsWith(Authors, StringComparison.Ordinal) || path.StartsWith(Corrections, StringComparison.Ordinal);

    /// <summary>The folders whose files the batch's list pages are (tags, archives and sitemaps, and the site's top level).</summary>
    public static List<(string Prefix, bool TopLevelOnly)> Of(IReadOnlyList<PageKey> keys)
    {
        var folders = new List<(string, bool)>();
        if (keys.Any(k => k is PageKey.Tag or PageKey.TagsIndex))
        {
            folders.Add((Tags, false));
        }

        if (keys.Any(k => k is PageKey.Month or PageKey.Archives))
        {
            folders.Add((ArchivesFolder, false));
        }

        if (keys.Any(k => k is PageKey.Author))
        {
            folders.Add((Authors, false));
        }

        if (keys.Any(k => k is PageKey.Corrections))
        {
            folders.Add((Corrections, false));
        }

        // The list pages' sitemap goes with the tags' index and the archives, a month's sitemap with the month.
        if (keys.Any(k => k is PageKey.Month or PageKey.Archives or PageKey.TagsIndex))
        {
            folders.Add((Sitemaps, false));
        }

        if (keys.Any(k => k is PageKey.Latest or PageKey.Archives))
        {
            folders.Add((string.Empty, true));
        }

        return folders;
    }

    /// <summary>
    /// Whether a file of the list folders is one <paramref name="keys"/> write: a tag's page and feeds, a month's page and
    /// sitemap, the tags' and archives' indexes, the years' pages and the list pages' sitemap. A batch is handed only
    /// these, so that a site of many tags or months does not give each batch all of their folder.
    /// </summary>
    public static Func<string, bool> FilesOf(IReadOnlyList<PageKey> keys)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var authors = new HashSet<string>(StringComparer.Ordinal);
        var archives = false;
        foreach (var key in keys)
        {
            switch (key)
            {
                case PageKey.Tag tag:
                    paths.UnionWith([SitePaths.Tag(tag.Slug), SitePaths.TagRss(tag.Slug), SitePaths.TagAtom(tag.Slug)]);
                    break;
                case PageKey.Author author:
                    authors.Add(author.Slug);
                    break;
                case PageKey.TagsIndex:
                    paths.UnionWith([SitePaths.TagsIndex, SitePaths.PagesSitemap]);
                    break;
                case PageKey.Corrections:
                    paths.UnionWith([SitePaths.Corrections, SitePaths.CorrectionsRss]);
                    break;
                case PageKey.Month month:
                    paths.UnionWith([SitePaths.ArchiveMonth(month.Year, month.MonthNumber), SitePaths.MonthSitemap(month.Year, month.MonthNumber)]);
                    break;
                case PageKey.Archives:
                    paths.UnionWith([SitePaths.Archives, SitePaths.PagesSitemap]);
                    archives = true;
                    break;
            }
        }

        // An author's folder is theirs whole: their pages (as many as their posts make) and their feed.
        return path => paths.Contains(path) || (archives && IsYearPage(path)) || (authors.Count > 0 && AuthorOf(path) is { } slug && authors.Contains(slug));
    }

    /// <summary>The author whose folder holds <paramref name="path"/> (<c>authors/{slug}/…</c>).</summary>
    private static string? AuthorOf(string path) =>
        path.StartsWith(Authors, StringComparison.Ordinal) && path.IndexOf('/', Authors.Length) is var end and > 0 ? path[Authors.Length..end] : null;

    /// <summary><c>archives/2024/index.html</c>.</summary>
    private static bool IsYearPage(string path) =>
        path.Length == SitePaths.ArchiveYear(2000).Length && path.StartsWith(ArchivesFolder, StringComparison.Ordinal)
        && path.EndsWith("/index.html", StringComparison.Ordinal) && !path.AsSpan(ArchivesFolder.Length, 4).ContainsAnyExceptInRange('0', '9');
}
