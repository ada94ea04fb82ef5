using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>What a deleted post's address shows: the post is gone on purpose, not a broken link.</summary>
public static class GonePage
{
    /// <param name="date">The post's date (its address may hold it).</param>
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, string slug, DateTimeOffset date) =>
        await renderer.PageAsync(
            renderer.Site.ArticleFile(slug, date),
            "gone",
            new PageView($"{renderer.Text("removed_short")} | {renderer.Site.Name}", null, renderer.AbsoluteUrl(renderer.Site.ArticleUrl(slug, date))) { NoIndex = true },
            []);
}
