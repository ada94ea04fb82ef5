using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>A month of posts, by the site's time zone.</summary>
public sealed record ArchiveMonth(int Year, int Month, IReadOnlyList<PostSummary> Posts);

/// <summary>The archives: an index of years and months, a page per year and a page per month.</summary>
public static class ArchivePages
{
    /// <summary>The index: every year with its months and counts.</summary>
    public static async ValueTask<SitePage> RenderIndexAsync(PageRenderer renderer, IReadOnlyList<(int Year, int Month, int Count)> months)
    {
        var years = months
            .GroupBy(m => m.Year)
            .OrderByDescending(g => g.Key)
            .Select(g => new YearView(
                g.Key.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                SitePaths.ArchiveYearUrl(g.Key),
                g.Sum(m => m.Count),
                g.OrderByDescending(m => m.Month)
                    .Select(m => new MonthView(renderer.MonthName(m.Year, m.Month), SitePaths.ArchiveMonthUrl(m.Year, m.Month), m.Count, []))
                    .ToList()))
            .ToList();
        return await renderer.PageAsync(
            SitePaths.Archives,
            "archives",
            new PageView($"{renderer.Text("archives")} | {renderer.Site.Name}", renderer.Text("archives_description", renderer.Site.Name), renderer.AbsoluteUrl(SitePaths.ArchivesUrl)),
            new Dictionary<string, object?> { ["years"] = years });
    }

    /// <summary>One year: its months with their counts.</summary>
    public static async ValueTask<SitePage> RenderYearAsync(PageRenderer renderer, int year, IReadOnlyList<(int Year, int Month, int Count)> months)
    {
        var view = new YearView(
            year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            SitePaths.ArchiveYearUrl(year),
            months.Sum(m => m.Count),
            months.OrderByDescending(m => m.Month)
                .Select(m => new MonthView(renderer.MonthName(year, m.Month), SitePaths.ArchiveMonthUrl(year, m.Month), m.Count, []))
                .ToList());
        return await renderer.PageAsync(
            SitePaths.ArchiveYear(year),
            "archive-year",
            new PageView($"{view.Name} | {renderer.Site.Name}", renderer.Text("month_description", view.Name, renderer.Site.Name), renderer.AbsoluteUrl(view.Url)),
            new Dictionary<string, object?> { ["year"] = view });
    }

    /// <summary>One month: its posts, newest first.</summary>
    public static async ValueTask<SitePage> RenderMonthAsync(PageRenderer renderer, ArchiveMonth month)
    {
        var name = renderer.MonthName(month.Year, month.Month);
        var url = SitePaths.ArchiveMonthUrl(month.Year, month.Month);
        return await renderer.PageAsync(
            SitePaths.ArchiveMonth(month.Year, month.Month),
            "archive-month",
            new PageView($"{name} | {renderer.Site.Name}", renderer.Text("month_description", name, renderer.Site.Name), renderer.AbsoluteUrl(url)),
            new Dictionary<string, object?>
            {
                ["month"] = new MonthView(name, url, month.Posts.Count, []),
                ["year_url"] = SitePaths.ArchiveYearUrl(month.Year),
                ["posts_html"] = await renderer.PostListHtmlAsync(month.Posts),
            });
    }
}
