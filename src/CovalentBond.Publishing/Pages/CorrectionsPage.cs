using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// <c>/corrections/</c> and its feed: every correction of the most recently corrected posts, newest first, each linking to
/// the correction on its article. The page stands when nothing has been corrected yet, so the footer's link always works.
/// </summary>
public static class CorrectionsPage
{
    /// <summary>How many of the most recently corrected posts the page and the feed draw on.</summary>
    public const int PostCount = 50;

    /// <summary>Every correction of <paramref name="corrected"/>, newest first, with its post.</summary>
    /// <param name="corrected">The most recently corrected posts, each with its corrections.</param>
    public static List<(PostSummary Post, PostNote Note)> Notes(IReadOnlyList<(PostSummary Post, IReadOnlyList<PostNote> Corrections)> corrected) =>
        corrected
            .SelectMany(p => p.Corrections.Select(c => (p.Post, Note: c)))
            .OrderByDescending(n => n.Note.Date).ThenBy(n => n.Post.Slug, StringComparer.Ordinal)
            .ToList();

    /// <summary>The page: every correction in <paramref name="notes"/> (newest first), linked to its place on its article.</summary>
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, IReadOnlyList<(PostSummary Post, PostNote Note)> notes)
    {
        var site = renderer.Site;
        var page = new PageView($"{renderer.Text("corrections")} | {site.Name}", renderer.Text("corrections_intro", site.Name), renderer.AbsoluteUrl(SitePaths.CorrectionsUrl))
        {
            Feeds = [new($"{renderer.Text("corrections_feed", site.Name)} (RSS)", "/" + SitePaths.CorrectionsRss, "application/rss+xml"), .. renderer.SiteFeeds],
        };
        return await renderer.PageAsync(SitePaths.Corrections, "corrections", page, new Dictionary<string, object?>
        {
            ["corrections"] = notes.Select(n => new CorrectionView(
                n.Post.Title, site.ArticleUrl(n.Post.Slug, n.Post.Date), site.FormatTimestamp(n.Note.Date), PageRenderer.IsoDate(n.Note.Date), n.Note.Text)).ToList(),
            ["feed_url"] = "/" + SitePaths.CorrectionsRss,
        });
    }
}
