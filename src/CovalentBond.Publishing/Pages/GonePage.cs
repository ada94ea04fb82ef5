using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>What a deleted post's address shows: the post is gone on purpose, not a broken link.</summary>
public static class GonePage
{
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, string slug) =>
        await renderer.PageAsync(
            SitePaths.Post(slug),
            "gone",
            new PageView($"{renderer.Text("removed_short")} | {renderer.Site.Name}", null, renderer.AbsoluteUrl(SitePaths.PostUrl(slug))) { NoIndex = true },
            []);
}
