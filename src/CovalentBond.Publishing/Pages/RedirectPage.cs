using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// The page at an old address (a post's <c>aliases</c>) that sends readers and crawlers to the post:
/// a static website cannot answer 301, so this is a meta refresh with a canonical link.
/// </summary>
public static class RedirectPage
{
    /// <param name="slug">The key of the post the page sends readers to.</param>
    /// <param name="date">That post's date (its address may hold it).</param>
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, string aliasPath, string slug, DateTimeOffset date)
    {
        var target = renderer.Site.ArticleUrl(slug, date);
        var theme = renderer.Theme;
        var html = await theme.RenderAsync("redirect", new Dictionary<string, object?>
        {
            ["site"] = renderer.SiteView(theme),
            ["redirect"] = new RedirectView(target, renderer.AbsoluteUrl(target)),
        }, theme.Strings(renderer.Site.GetCulture()));
        // The file the address is served from, decoded once as the static website decodes it (Ownership/AliasAddress).
        var file = Ownership.AliasAddress.FileOf(aliasPath) ?? throw new ArgumentException($"'{aliasPath}' is not an address of the site.", nameof(aliasPath));
        return PageRenderer.Html(file, html);
    }

    /// <summary>
    /// Whether <paramref name="content"/> is a redirect page (it refreshes to another address): how verify tells an alias's
    /// page standing where another owner's page belongs, whatever version it was written with.
    /// </summary>
    public static bool Is(ReadOnlySpan<byte> content) => content.IndexOf("http-equiv=\"refresh\""u8) >= 0;
}
