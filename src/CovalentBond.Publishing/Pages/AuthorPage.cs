using System.Text.Json;
using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// One page of an author's posts, newest first, with who they are when the site has their profile: the front page (their
/// newest posts) or an archive page (numbered from their oldest posts, see <see cref="SitePaths.Author"/>).
/// </summary>
public static class AuthorPage
{
    /// <param name="posts">This page's posts.</param>
    /// <param name="totalCount">How many posts name the author.</param>
    /// <param name="pageNumber">0 for the front page, else the archive page's number (1 is the oldest).</param>
    /// <param name="archivePages">How many archive pages the author has.</param>
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, AuthorName author, IReadOnlyList<PostSummary> posts, int totalCount, int pageNumber, int archivePages)
    {
        var site = renderer.Site;
        var profile = renderer.Theme.Authors.BySlug(author.Slug);
        var name = profile?.Name ?? author.Name;
        var url = SitePaths.AuthorUrl(author.Slug, pageNumber);
        var feed = "/" + SitePaths.AuthorRss(author.Slug);
        var view = new AuthorView(name, SitePaths.AuthorUrl(author.Slug), totalCount, feed)
        {
            Bio = profile?.Bio,
            Photo = profile?.Photo,
            Links = profile?.Links.Select(l => new AuthorLinkView(l.Title, l.Url)).ToList() ?? [],
            PageNumber = pageNumber,
            PageCount = archivePages,
            NewerUrl = pageNumber == 0 ? null : SitePaths.AuthorUrl(author.Slug, pageNumber == archivePages ? 0 : pageNumber + 1),
            OlderUrl = pageNumber == 0 ? (archivePages > 0 ? SitePaths.AuthorUrl(author.Slug, archivePages) : null) : pageNumber > 1 ? SitePaths.AuthorUrl(author.Slug, pageNumber - 1) : null,
        };
        var title = pageNumber == 0 ? name : renderer.Text("page_of", name, pageNumber);
        var page = new PageView($"{title} | {site.Name}", profile?.Bio ?? renderer.Text("author_description", name, site.Name), renderer.AbsoluteUrl(url))
        {
            OgType = "profile",
            Image = renderer.AbsoluteImage(profile?.Photo),
            ImageAlt = profile?.Photo is null ? null : name,
            JsonLd = JsonLd(renderer, view, profile),
            Feeds = [new($"{site.Name}: {name} (RSS)", feed, "application/rss+xml"), .. renderer.SiteFeeds],
        };
        return await renderer.PageAsync(SitePaths.Author(author.Slug, pageNumber), "author", page, new Dictionary<string, object?>
        {
            ["author"] = view,
            ["posts_html"] = await renderer.PostListHtmlAsync(posts),
        });
    }

    /// <summary>A schema.org <c>ProfilePage</c> whose main entity is the <c>Person</c>, as Google documents for author pages.</summary>
    private static string JsonLd(PageRenderer renderer, AuthorView view, AuthorProfile? profile)
    {
        var person = new Dictionary<string, object?>
        {
            ["@type"] = "Person",
            ["name"] = view.Name,
            ["url"] = renderer.AbsoluteUrl(view.Url),
            ["description"] = profile?.Bio,
            ["image"] = renderer.AbsoluteImage(profile?.Photo),
            ["sameAs"] = profile is { Links.Count: > 0 } ? profile.Links.Select(l => l.Url).ToArray() : null,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ProfilePage",
            ["mainEntity"] = person,
        });
    }
}
