using System.Text.Json;
using System.Text.Json.Serialization;
using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Theme.Views;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// A post's own page: title, date, author, subtitle, tags, body, then the latest news; with canonical
/// address, OpenGraph and Twitter cards, and <c>NewsArticle</c> structured data in the head.
/// </summary>
public static class ArticlePage
{
    private const int WordsPerMinute = 220;

    /// <summary>Reading speed of Chinese, Japanese and Korean text, by the character.</summary>
    private const int CjkCharactersPerMinute = 500;

    private static readonly JsonSerializerOptions JsonLdOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The default encoder escapes <, > and & as \u003C..., so the JSON cannot close its <script>.
    };

    /// <param name="body">The body already rendered (a publish renders it once, while deciding); rendered here when null.</param>
    /// <param name="media">The site images the body and the cover may show; none when null.</param>
    /// <param name="latestHtml">The latest-news list already rendered for this page (a build renders the list most pages share once); rendered here when null.</param>
    /// <param name="related">The stories it suggests next (<see cref="RelatedStories"/>); none when null.</param>
    public static async ValueTask<SitePage> RenderAsync(
        PageRenderer renderer, Post post, IReadOnlyList<PostSummary> latest, RenderedBody? body = null, IMediaResolver? media = null, string? latestHtml = null, IReadOnlyList<PostSummary>? related = null)
    {
        var site = renderer.Site;
        var url = renderer.Site.ArticleUrl(post.Slug, post.Date);
        media ??= NoMedia.Instance;
        body ??= renderer.Markdown.RenderAccepted(post.Body, media);
        // The cover: a processed image as a responsive picture; an outside address as it is; a file not uploaded yet, nothing.
        var cover = post.Image is { } imageUrl ? media.Resolve(imageUrl) : null;
        var coverUrl = cover is null && post.Image is { } plain && media.KeyOf(plain) is null ? plain : null;
        var words = body.Words;
        var bylines = AuthorName.Of(post.Author);
        var modified = post.Modified is var lastmod && site.FormatDate(lastmod) != site.FormatDate(post.Date) ? lastmod : (DateTimeOffset?)null;
        var article = new ArticleView(
            post.Title,
            site.FormatDate(post.Date),
            PageRenderer.IsoDate(post.Date),
            post.Author,
            post.Subtitle,
            post.Tags.Select(t => new TagView(t.Name, t.Slug, SitePaths.TagUrl(t.Slug))).ToList(),
            body.Html,
            url)
        {
            Authors = bylines.Select(a => new BylineView(a.Name, SitePaths.AuthorUrl(a.Slug))).ToList(),
            ModifiedText = modified is { } m ? site.FormatDate(m) : null,
            ModifiedIso = modified is { } mi ? PageRenderer.IsoDate(mi) : null,
            ReadingMinutes = Math.Max(1, (int)Math.Ceiling((words / (double)WordsPerMinute) + (body.CjkCharacters / (double)CjkCharactersPerMinute))),
            Image = coverUrl,
            ImageAlt = post.ImageAlt,
            ImageHtml = cover is null ? null : PictureMarkup.Html(cover, post.ImageAlt ?? string.Empty, hero: true),
            ImageCaption = cover is null && coverUrl is null ? null : post.ImageCaption,
            ImageCredit = cover is null ? null : Credit(cover.Credit),
            Corrections = post.Corrections.Select(n => Note(site, n)).ToList(),
            Updates = post.Updates.Select(n => Note(site, n)).ToList(),
        };

        var absoluteUrl = renderer.AbsoluteUrl(url);
        var image = cover is null ? renderer.AbsoluteImage(coverUrl) : renderer.AbsoluteUrl("/" + cover.OpenGraphPath);
        var jsonLd = JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "NewsArticle",
                ["headline"] = post.Title,
                ["description"] = post.Subtitle,
                ["datePublished"] = PageRenderer.IsoDate(post.Date),
                ["dateModified"] = PageRenderer.IsoDate(post.Modified),
                ["author"] = bylines.Count == 0 ? null : bylines.Select(a => new Dictionary<string, string> { ["@type"] = "Person", ["name"] = a.Name, ["url"] = renderer.AbsoluteUrl(SitePaths.AuthorUrl(a.Slug)) }).ToArray(),
                ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = site.Name, ["url"] = site.NormalizedBaseUrl },
                ["mainEntityOfPage"] = absoluteUrl,
                ["image"] = image is null ? null : new[] { image },
                ["keywords"] = post.Tags.Count == 0 ? null : post.Tags.Select(t => t.Name).ToArray(),
                ["wordCount"] = words,
                ["inLanguage"] = site.GetCulture().Name,
                // schema.org's CreativeWork.correction: each correction a CorrectionComment with its text and time.
                ["correction"] = post.Corrections.Count == 0 ? null : post.Corrections.Select(c => new Dictionary<string, string>
                {
                    ["@type"] = "CorrectionComment",
                    ["text"] = c.Text,
                    ["datePublished"] = PageRenderer.IsoDate(c.Date),
                }).ToArray(),
            }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value),
            JsonLdOptions);

        var page = new PageView($"{post.Title} | {site.Name}", post.Subtitle, absoluteUrl)
        {
            OgType = "article",
            Image = image,
            ImageAlt = image is null ? null : post.ImageAlt,
            ImageWidth = cover is null ? null : MediaOptions.OpenGraphWidth,
            ImageHeight = cover is null ? null : MediaOptions.OpenGraphHeight,
            JsonLd = jsonLd,
            PublishedIso = PageRenderer.IsoDate(post.Date),
            ModifiedIso = PageRenderer.IsoDate(post.Modified),
            ArticleTags = post.Tags.Select(t => t.Name).ToList(),
        };

        return await renderer.PageAsync(
            renderer.Site.ArticleFile(post.Slug, post.Date),
            "article",
            page,
            new Dictionary<string, object?>
            {
                ["article"] = article,
                ["related"] = (related ?? []).Select(p => renderer.ListItem(p) with { ThumbHtml = null }).ToList(),
                ["latest_html"] = latestHtml ?? await LatestHtmlAsync(renderer, post.Slug, latest),
            });
    }

    /// <summary>The latest-news list on the page of <paramref name="slug"/>: the newest posts but that one.</summary>
    public static ValueTask<string> LatestHtmlAsync(PageRenderer renderer, string slug, IReadOnlyList<PostSummary> latest) =>
        renderer.LatestHtmlAsync(latest.Where(p => p.Slug != slug).Take(renderer.Site.LatestCount).ToList());

    private static NoteView Note(Site.SiteOptions site, PostNote note) => new(site.FormatTimestamp(note.Date), PageRenderer.IsoDate(note.Date), note.Text);

    /// <summary>"Credit · Copyright", either alone, or null.</summary>
    private static string? Credit(MediaCredit credit) =>
        credit.IsEmpty ? null : string.Join(" · ", new[] { credit.Credit, credit.Copyright }.Where(c => c is not null));
}
