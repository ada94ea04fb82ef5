using System.Globalization;
using System.Text;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Theme;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// Everything a page generator needs: the site configuration, the theme and the Markdown pipeline.
/// One instance per process; it is safe to share. The theme may be replaced while it runs (a site
/// owner uploaded a new one): a page's content and layout are rendered with one theme, the one
/// current when the page starts (a list fragment rendered before may come from the previous one).
/// </summary>
public sealed class PageRenderer(SiteOptions site, CurrentTheme themes, MarkdownRenderer markdown)
{
    public PageRenderer(SiteOptions site, Theme.Theme theme, MarkdownRenderer markdown)
        : this(site, new CurrentTheme(theme), markdown)
    {
    }

    public SiteOptions Site => site;

    public Theme.Theme Theme => themes.Theme;

    /// <summary>The theme in use, replaceable at run time.</summary>
    public CurrentTheme Themes => themes;


    public MarkdownRenderer Markdown => markdown;

    /// <summary>The theme's words in the site's language (<c>Site:Culture</c>).</summary>
    public Localization.ThemeStrings Strings => Theme.Strings(site.GetCulture());

    /// <summary>One of the theme's phrases in the site's language (page titles, descriptions).</summary>
    internal string Text(string key, params object?[] args) => Strings.Text(key, args);

    /// <summary>The stylesheet as a page of its own, so it is written with the site.</summary>
    public SitePage Stylesheet()
    {
        var theme = Theme;
        return new(theme.StylesheetPath, theme.Stylesheet, SitePage.CssContentType, SitePage.ImmutableCacheControl);
    }

    /// <summary>The site icon.</summary>
    public SitePage Favicon() =>
        new(SitePaths.Favicon, Theme.Favicon, "image/svg+xml", SitePage.SettledCacheControl);

    internal static string IsoDate(DateTimeOffset date) =>
        date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    internal PostListItemView ListItem(PostSummary post) =>
        new(post.Title, post.Subtitle, site.FormatDate(post.Date), IsoDate(post.Date), site.ArticleUrl(post.Slug, post.Date))
        {
            ThumbHtml = post.Hero is { } hero ? Media.PictureMarkup.Html(hero, alt: string.Empty, hero: false, Media.PictureMarkup.ThumbnailSizes) : null,
        };

    internal string AbsoluteUrl(string sitePath) => site.NormalizedBaseUrl + sitePath.TrimStart('/');

    /// <summary>An image address as social cards need it: absolute.</summary>
    internal string? AbsoluteImage(string? image) =>
        image is null ? null : image.StartsWith('/') ? AbsoluteUrl(image) : image;

    internal string MonthName(int year, int month) =>
        new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", site.GetCulture());

    /// <summary>The site-wide feeds every page advertises.</summary>
    internal IReadOnlyList<FeedLinkView> SiteFeeds =>
    [
        new($"{site.Name} (RSS)", "/" + SitePaths.Rss, "application/rss+xml"),
        new($"{site.Name} (Atom)", "/" + SitePaths.Atom, "application/atom+xml"),
    ];

    internal async ValueTask<string> PostListHtmlAsync(IEnumerable<PostSummary> posts) =>
        await Theme.RenderAsync("post-list", new Dictionary<string, object?> { ["posts"] = posts.Select(ListItem).ToList() }, Strings);

    internal async ValueTask<string> LatestHtmlAsync(IReadOnlyList<PostSummary> latest) =>
        await Theme.RenderAsync("latest", new Dictionary<string, object?> { ["posts_html"] = await PostListHtmlAsync(latest) }, Strings);

    internal SiteView SiteView(Theme.Theme theme) => new(
        site.Name,
        site.Tagline,
        site.Copyright,
        site.FooterSections,
        site.GetCulture().TwoLetterISOLanguageName,
        site.NormalizedBaseUrl,
        "/" + theme.StylesheetPath)
    {
        Csp = csp ??= Rendering.ContentSecurityPolicy.ForMeta(new Rendering.EmbedPolicy(site.EmbedHosts)),
    };

    private string? csp;

    /// <summary>Renders a page template inside the layout and returns the finished page.</summary>
    internal async ValueTask<SitePage> PageAsync(string path, string template, PageView page, Dictionary<string, object?> values)
    {
        if (page.Feeds.Count == 0)
        {
            page = page with { Feeds = SiteFeeds };
        }

        var theme = Theme;
        var siteView = SiteView(theme);
        values["site"] = siteView;
        values["page"] = page;
        var words = theme.Strings(site.GetCulture());
        var content = await theme.RenderAsync(template, values, words);
        var html = await theme.RenderAsync("layout", new Dictionary<string, object?>
        {
            ["site"] = siteView,
            ["page"] = page,
            ["content"] = content,
        }, words);
        return Html(path, html);
    }

    internal static SitePage Html(string path, string html) =>
        new(path, Encoding.UTF8.GetBytes(html), SitePage.HtmlContentType, SitePage.PageCacheControl);
}
