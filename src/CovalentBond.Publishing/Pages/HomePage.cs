using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>The home page: the site's latest news.</summary>
public static class HomePage
{
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, IReadOnlyList<PostSummary> latest) =>
        await renderer.PageAsync(
            SitePaths.Home,
            "home",
            new PageView(renderer.Site.Name, renderer.Site.Tagline, renderer.Site.NormalizedBaseUrl),
            new Dictionary<string, object?>
            {
                ["latest_html"] = await renderer.LatestHtmlAsync(latest.Take(renderer.Site.LatestCount).ToList()),
            });
}
