using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>The page the static website serves for any address that has no file.</summary>
public static class NotFoundPage
{
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer) =>
        await renderer.PageAsync(
            SitePaths.NotFound,
            "404",
            new PageView($"{renderer.Text("not_found_title")} | {renderer.Site.Name}", null, renderer.AbsoluteUrl(SitePaths.NotFound)),
            []);
}
