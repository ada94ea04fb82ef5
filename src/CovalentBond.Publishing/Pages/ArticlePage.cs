using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>A post's own page: title, date, author, subtitle, tags, body, then the latest news.</summary>
public static class ArticlePage
{
    public static async ValueTask<SitePage> RenderAsync(PageRenderer renderer, Post post, IReadOnlyList<PostSummary> latest)
    {
        var url = SitePaths.PostUrl(post.Slug);
        var article = new ArticleView(
            post.Title,
            renderer.Site.FormatDate(post.Date),
            PageRenderer.IsoDate(post.Date),
            post.Author,
            post.Subtitle,
            post.Tags.Select(t => new TagView(t.Name, t.Slug)).ToList(),
            renderer.Markdown.ToHtml(post.Body),
            url);

        return await renderer.PageAsync(
            SitePaths.Post(post.Slug),
            "article",
            new PageView($"{post.Title} | {renderer.Site.Name}", post.Subtitle, renderer.AbsoluteUrl(url)),
            new Dictionary<string, object?>
            {
                ["article"] = article,
                ["latest_html"] = await renderer.LatestHtmlAsync(latest.Where(p => p.Slug != post.Slug).Take(renderer.Site.LatestCount).ToList()),
            });
    }
}
