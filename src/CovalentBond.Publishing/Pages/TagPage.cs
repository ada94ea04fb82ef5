using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>One tag's page: its posts, newest first, and its feeds.</summary>
public static class TagPage
{
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, Tag tag, IReadOnlyList<PostSummary> posts, int totalCount)
    {
        var url = SitePaths.TagUrl(tag.Slug);
        var page = new PageView($"{tag.Name} | {renderer.Site.Name}", renderer.Text("tag_description", tag.Name, renderer.Site.Name), renderer.AbsoluteUrl(url))
        {
            Feeds =
            [
                new($"{renderer.Site.Name}: {tag.Name} (RSS)", "/" + SitePaths.TagRss(tag.Slug), "application/rss+xml"),
                .. renderer.Site.TagAtomFeeds
                    ? [new FeedLinkView($"{renderer.Site.Name}: {tag.Name} (Atom)", "/" + SitePaths.TagAtom(tag.Slug), "application/atom+xml")]
                    : Array.Empty<FeedLinkView>(),
                .. renderer.SiteFeeds,
            ],
        };
        return await renderer.PageAsync(SitePaths.Tag(tag.Slug), "tag", page, new Dictionary<string, object?>
        {
            ["tag"] = new TagView(tag.Name, tag.Slug, url, totalCount),
            ["posts_html"] = await renderer.PostListHtmlAsync(posts),
        });
    }
}

/// <summary>The index of all tags with how many posts each has.</summary>
public static class TagsIndexPage
{
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, IReadOnlyList<(Tag Tag, int Count)> tags)
    {
        var culture = renderer.Site.GetCulture();
        var views = tags
            .OrderBy(t => t.Tag.Name, StringComparer.Create(culture, ignoreCase: true))
            .Select(t => new TagView(t.Tag.Name, t.Tag.Slug, SitePaths.TagUrl(t.Tag.Slug), t.Count))
            .ToList();
        return await renderer.PageAsync(
            SitePaths.TagsIndex,
            "tags",
            new PageView($"{renderer.Text("tags")} | {renderer.Site.Name}", renderer.Text("tags_description", renderer.Site.Name), renderer.AbsoluteUrl(SitePaths.TagsUrl)),
            new Dictionary<string, object?> { ["tags"] = views });
    }
}
