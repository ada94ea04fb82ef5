using System.Text;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// Everything a page generator needs: the site configuration, the theme and the Markdown pipeline.
/// One instance per process; it is safe to share.
/// </summary>
public sealed class PageRenderer(SiteOptions site, Theme.Theme theme, MarkdownRenderer markdown)
{
    public SiteOptions Site => site;

    public Theme.Theme Theme => theme;

    public MarkdownRenderer Markdown => markdown;

    /// <summary>The stylesheet as a page of its own, so it is written with the site.</summary>
    public SitePage Stylesheet() =>
        new(theme.StylesheetPath, theme.Stylesheet, SitePage.CssContentType, SitePage.ImmutableCacheControl);

    internal PostListItemView ListItem(PostSummary post) =>
        new(post.Title, post.Subtitle, site.FormatDate(post.Date), IsoDate(post.Date), SitePaths.PostUrl(post.Slug));

    internal static string IsoDate(DateTimeOffset date) =>
        date.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    internal string AbsoluteUrl(string sitePath) => site.NormalizedBaseUrl + sitePath.TrimStart('/');

    internal async ValueTask<string> LatestHtmlAsync(IReadOnlyList<PostSummary> latest) =>
        await theme.RenderAsync("latest", new Dictionary<string, object?>
        {
            ["latest"] = latest.Select(ListItem).ToList(),
        });

    /// <summary>Renders a page template inside the layout and returns the finished page.</summary>
    internal async ValueTask<SitePage> PageAsync(string path, string template, PageView page, Dictionary<string, object?> values)
    {
        var siteView = new SiteView(
            site.Name,
            site.Tagline,
            site.Copyright,
            site.FooterSections,
            site.GetCulture().TwoLetterISOLanguageName,
            site.NormalizedBaseUrl,
            "/" + theme.StylesheetPath);
        values["site"] = siteView;
        values["page"] = page;
        var content = await theme.RenderAsync(template, values);
        var html = await theme.RenderAsync("layout", new Dictionary<string, object?>
        {
            ["site"] = siteView,
            ["page"] = page,
            ["content"] = content,
        });
        return new SitePage(path, Encoding.UTF8.GetBytes(html), SitePage.HtmlContentType, SitePage.PageCacheControl);
    }
}
