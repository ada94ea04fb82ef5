using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Feeds;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Sitemaps;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The feeds and sitemaps that go with the site's lists (the site, a tag, a month), made the same way by the
/// incremental updater and the full build.
/// </summary>
public static class ListFiles
{
    /// <summary>The most posts the news sitemap lists (Google reads at most 1,000).</summary>
    public const int NewsSitemapSize = 100;

    public static FeedSource SiteFeed(PageRenderer renderer, IReadOnlyList<PostSummary> latest) =>
        new(renderer.Site.Name, renderer.Site.Tagline ?? renderer.Site.Name, "/", latest);

    public static FeedSource TagFeed(PageRenderer renderer, Tag tag, IReadOnlyList<PostSummary> posts) =>
        new($"{renderer.Site.Name}: {tag.Name}", renderer.Text("tag_description", tag.Name, renderer.Site.Name), SitePaths.TagUrl(tag.Slug), posts.Take(renderer.Site.LatestCount).ToList());

    /// <summary>Everything a tag has on the site: its page, its RSS feed and, when configured, its Atom feed.</summary>
    public static string[] TagPaths(SiteOptions site, string slug) => site.TagAtomFeeds
        ? [SitePaths.Tag(slug), SitePaths.TagRss(slug), SitePaths.TagAtom(slug)]
        : [SitePaths.Tag(slug), SitePaths.TagRss(slug)];

    /// <summary>A tag's feeds: RSS 2.0 always, Atom when <see cref="SiteOptions.TagAtomFeeds"/> is on.</summary>
    public static IEnumerable<SitePage> TagFeeds(PageRenderer renderer, Tag tag, IReadOnlyList<PostSummary> posts)
    {
        var feed = TagFeed(renderer, tag, posts);
        yield return RssFeed.Render(renderer.Site, SitePaths.TagRss(tag.Slug), feed);
        if (renderer.Site.TagAtomFeeds)
        {
            yield return AtomFeed.Render(renderer.Site, SitePaths.TagAtom(tag.Slug), feed);
        }
    }

    /// <summary>An author's feed: their latest posts.</summary>
    public static SitePage AuthorFeed(PageRenderer renderer, AuthorName author, IReadOnlyList<PostSummary> posts) =>
        RssFeed.Render(
            renderer.Site,
            SitePaths.AuthorRss(author.Slug),
            new FeedSource($"{renderer.Site.Name}: {author.Name}", renderer.Text("author_description", author.Name, renderer.Site.Name), SitePaths.AuthorUrl(author.Slug), posts.Take(renderer.Site.LatestCount).ToList()));

    /// <summary>
    /// How many archive pages an author with <paramref name="count"/> posts has beside their front page: every full page of
    /// <see cref="SiteOptions.TagPageSize"/> posts from the oldest, but the page their newest posts fill (the front page shows those).
    /// </summary>
    public static int AuthorArchivePages(SiteOptions site, int count) => Math.Max(0, ((count + site.TagPageSize - 1) / site.TagPageSize) - 1);

    /// <summary>The corrections feed: one item per correction, newest first, linking to it on its article.</summary>
    public static SitePage CorrectionsFeed(PageRenderer renderer, IReadOnlyList<(PostSummary Post, PostNote Note)> notes) =>
        RssFeed.RenderNotes(
            renderer.Site,
            SitePaths.CorrectionsRss,
            renderer.Text("corrections_feed", renderer.Site.Name),
            renderer.Text("corrections_intro", renderer.Site.Name),
            SitePaths.CorrectionsUrl,
            notes,
            post => renderer.Text("correction_of", post.Title),
            anchor: "corrections");

    /// <summary>The sitemap of one month's posts.</summary>
    public static SitePage MonthSitemap(PageRenderer renderer, ArchiveMonth month) =>
        Sitemap.RenderUrlSet(
            renderer.Site,
            SitePaths.MonthSitemap(month.Year, month.Month),
            month.Posts.Select(p => new SitemapEntry(renderer.Site.ArticleUrl(p.Slug, p.Date), p.Modified)).ToList());

    /// <summary>The sitemap index: the list-pages sitemap, and one sitemap per month with its last change.</summary>
    public static SitePage SitemapIndex(PageRenderer renderer, IEnumerable<MonthCount> months) =>
        Sitemap.RenderIndex(
            renderer.Site,
            [
                new SitemapEntry("/" + SitePaths.PagesSitemap, null),
                .. months.OrderByDescending(m => (m.Year, m.Month)).Select(m => new SitemapEntry("/" + SitePaths.MonthSitemap(m.Year, m.Month), m.LastModified)),
            ]);

    /// <summary>The sitemap of list pages. No lastmod: these pages change with every post, and a fake date helps no one.</summary>
    public static SitePage ListPagesSitemap(PageRenderer renderer, IEnumerable<TagCount> tags, IEnumerable<MonthCount> months)
    {
        var monthList = months.OrderByDescending(m => (m.Year, m.Month)).ToList();
        return Sitemap.RenderUrlSet(
            renderer.Site,
            SitePaths.PagesSitemap,
            [
                new SitemapEntry("/", null),
                new SitemapEntry(SitePaths.TagsUrl, null),
                new SitemapEntry(SitePaths.ArchivesUrl, null),
                .. tags.OrderBy(t => t.Tag.Slug, StringComparer.Ordinal).Select(t => new SitemapEntry(SitePaths.TagUrl(t.Tag.Slug), null)),
                .. monthList.Select(m => m.Year).Distinct().Select(y => new SitemapEntry(SitePaths.ArchiveYearUrl(y), null)),
                .. monthList.Select(m => new SitemapEntry(SitePaths.ArchiveMonthUrl(m.Year, m.Month), null)),
            ]);
    }
}
