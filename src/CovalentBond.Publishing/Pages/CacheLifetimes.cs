using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// How long the CDN and browsers may keep each family of page (docs/operations.md has the table and the worst cases).
/// Freshness comes from these lifetimes; Front Door's purge, which can take 10–20 minutes to reach every edge, is the
/// backstop for a change that must not wait (Edge/PurgePlan).
/// </summary>
public static class CacheLifetimes
{
    /// <summary>
    /// Pages that change with the news (home, tags, authors, feeds, sitemaps, corrections, an article in its first
    /// <see cref="NewsWindow"/>): 30 s at the edge, and browsers revalidate every time (the store's ETag answers with 304).
    /// </summary>
    public const string Fresh = SitePage.PageCacheControl;

    /// <summary>
    /// Pages that have settled (an article past its news window, a past month's archive and sitemap, a past year's page):
    /// an hour at the edge and a minute in browsers. A change to one is purged from the edge.
    /// </summary>
    public const string Settled = SitePage.SettledCacheControl;

    /// <summary>Files named by their content's hash (the stylesheet, processed images): they never change under one name.</summary>
    public const string Immutable = SitePage.ImmutableCacheControl;

    /// <summary>How long an article counts as news after it went live or last changed.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    /// <summary>The lifetime of an article that went live at <paramref name="goesLiveAt"/> and last changed at <paramref name="modified"/>, rendered at <paramref name="now"/>.</summary>
    public static string Article(DateTimeOffset goesLiveAt, DateTimeOffset modified, DateTimeOffset now) =>
        IsNews(goesLiveAt, modified, now) ? Fresh : Settled;

    /// <summary>Whether an article is still news at <paramref name="now"/>: it went live or changed within <see cref="NewsWindow"/>.</summary>
    public static bool IsNews(DateTimeOffset goesLiveAt, DateTimeOffset modified, DateTimeOffset now) =>
        now - (goesLiveAt > modified ? goesLiveAt : modified) < NewsWindow;

    /// <summary>A month's archive page and sitemap: fresh until the news window after the month ended (in the site's zone).</summary>
    public static string Month(int year, int month, SiteOptions site, DateTimeOffset now) =>
        EndOf(year, month, site) + NewsWindow > now ? Fresh : Settled;

    /// <summary>A year's archive page: fresh until the news window after the year ended.</summary>
    public static string Year(int year, SiteOptions site, DateTimeOffset now) => Month(year, 12, site, now);

    /// <summary>The first instant after the month, in the site's zone.</summary>
    private static DateTimeOffset EndOf(int year, int month, SiteOptions site)
    {
        var next = year == 9999 && month == 12 ? DateTime.MaxValue : new DateTime(year, month, 1).AddMonths(1);
        return next == DateTime.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(next, site.GetTimeZone().GetUtcOffset(next));
    }
}
