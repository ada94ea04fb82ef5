using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>The home page: the site's latest news.</summary>
public static class HomePage
{
    /// <summary>The longest description search engines show in full.</summary>
    public const int DescriptionLength = 160;

    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, IReadOnlyList<PostSummary> latest) =>
        await renderer.PageAsync(
            SitePaths.Home,
            "home",
            new PageView(renderer.Site.Name, Description(renderer, latest), renderer.Site.NormalizedBaseUrl),
            new Dictionary<string, object?>
            {
                ["latest_html"] = await renderer.LatestHtmlAsync(latest.Take(renderer.Site.LatestCount).ToList()),
            });

    /// <summary>
    /// The site's tagline; without one, the page's heading and the newest headlines ("Covalent Bond: latest news. Peace
    /// pause on hold · …"), cut at a word within <see cref="DescriptionLength"/>: a home page is never without one.
    /// </summary>
    public static string Description(PageRenderer renderer, IReadOnlyList<PostSummary> latest)
    {
        if (!string.IsNullOrWhiteSpace(renderer.Site.Tagline))
        {
            return renderer.Site.Tagline;
        }

        var text = renderer.Text("home_heading", renderer.Site.Name);
        var titles = string.Join(" · ", latest.Take(3).Select(p => p.Title));
        if (titles.Length > 0)
        {
            text += ". " + titles;
        }

        if (text.Length <= DescriptionLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', DescriptionLength - 1);
        return text[..(cut > DescriptionLength / 2 ? cut : DescriptionLength - 1)].TrimEnd(' ', '·', '.', ',', ';', ':') + "…";
    }
}
