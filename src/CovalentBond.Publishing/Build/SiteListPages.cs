using CovalentBond.Publishing.Feeds;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Sitemaps;

namespace CovalentBond.Publishing.Build;

/// <summary>
/// Everything of a built site but its articles: the home page, 404, robots.txt, feeds, sitemaps, redirects,
/// tags and archives, from the summaries of the posts on the site (newest first).
/// </summary>
internal sealed class SiteListPages(PageRenderer renderer, IPageSink sink, CancellationToken cancellationToken)
{
    public int Written { get; private set; }

    /// <param name="posts">The posts on the site, newest first.</param>
    /// <param name="summaries">Their summaries, in the same order.</param>
    /// <param name="fileOf">The source file of each post's slug, for problems with its aliases.</param>
    public async Task WriteAsync(IReadOnlyList<Post> posts, IReadOnlyList<PostSummary> summaries, IReadOnlyList<PostSummary> latest, DateTimeOffset now, Func<string, string> fileOf, List<SourceProblem> problems)
    {
        var site = renderer.Site;
        var fixedPages = new List<SitePage>
        {
            renderer.Stylesheet(),
            renderer.Favicon(),
            await HomePage.RenderAsync(renderer, latest),
            await NotFoundPage.RenderAsync(renderer),
            Sitemap.RenderRobots(site),
            RssFeed.Render(site, SitePaths.Rss, ListFiles.SiteFeed(renderer, summaries.Take(site.LatestCount).ToList())),
            AtomFeed.Render(site, SitePaths.Atom, ListFiles.SiteFeed(renderer, summaries.Take(site.LatestCount).ToList())),
            Sitemap.RenderNews(site, summaries.Take(ListFiles.NewsSitemapSize).ToList(), now),
        };
        foreach (var page in fixedPages)
        {
            await WriteAsync(page);
        }

        // Every file has one owner (Ownership/): the site's own files, then each article, then aliases, first come first
        // served; compared without regard to case, as a disk may.
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var post in posts)
        {
            taken.TryAdd(renderer.Site.ArticleFile(post.Slug, post.Date), $"the article of {fileOf(post.Slug)}");
        }

        foreach (var post in posts)
        {
            foreach (var alias in post.Aliases)
            {
                if (Ownership.AliasAddress.FileOf(alias) is not { } path || Ownership.SiteFiles.OwnerOf(path) is not null)
                {
                    continue; // the reader refuses these; a post read before the checks cannot bring one here
                }

                if (!taken.TryAdd(path, $"an alias of {fileOf(post.Slug)}"))
                {
                    problems.Add(new SourceProblem(fileOf(post.Slug), new PostProblem(null, "aliases", $"'{alias}' is the file {path}, which {taken[path]} holds")));
                    continue;
                }

                await WriteAsync(await RedirectPage.RenderAsync(renderer, alias, post.Slug, post.Date));
            }
        }

        // Site:Permalink changed since the last build into this output: each article's old address redirects to its new one.
        if (sink.PreviousArticles is { } previous && previous.Pattern != site.Articles.Pattern)
        {
            foreach (var post in posts)
            {
                var old = previous.Url(previous.KeyOf(site.Articles.SlugOf(post.Slug), site.ToLocal(post.Date)));
                if (Ownership.AliasAddress.FileOf(old) is { } file && Ownership.SiteFiles.OwnerOf(file) is null && taken.TryAdd(file, $"the old address of {fileOf(post.Slug)}"))
                {
                    await WriteAsync(await RedirectPage.RenderAsync(renderer, old, post.Slug, post.Date));
                }
            }
        }

        // Tags: a page and its feeds each, and the index with counts.
        var byTag = summaries
            .SelectMany(p => p.Tags.Select(t => (Tag: t, Post: p)))
            .GroupBy(x => x.Tag.Slug)
            .Select(g => (Tag: DisplayForm(g.Select(x => x.Tag)), Posts: g.Select(x => x.Post).ToList()))
            .ToList();
        foreach (var (tag, tagged) in byTag)
        {
            await WriteAsync(await TagPage.RenderAsync(renderer, tag, tagged.Take(site.TagPageSize).ToList(), tagged.Count));
            foreach (var feed in ListFiles.TagFeeds(renderer, tag, tagged))
            {
                await WriteAsync(feed);
            }
        }

        var tagCounts = byTag.Select(t => new TagCount(t.Tag, t.Posts.Count)).ToList();
        await WriteAsync(await TagsIndexPage.RenderAsync(renderer, tagCounts.Select(t => (t.Tag, t.Count)).ToList()));

        // Archives: by month in the site's time zone.
        var months = summaries
            .GroupBy(p => { var local = site.ToLocal(p.Date); return (local.Year, local.Month); })
            .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.ToList()))
            .OrderByDescending(m => m.Year).ThenByDescending(m => m.Month)
            .ToList();
        var monthCounts = months.Select(m => new MonthCount(m.Year, m.Month, m.Posts.Count, m.Posts.Max(p => p.Modified))).ToList();
        await WriteAsync(await ArchivePages.RenderIndexAsync(renderer, monthCounts.Select(m => (m.Year, m.Month, m.Count)).ToList()));
        foreach (var year in monthCounts.GroupBy(m => m.Year))
        {
            await WriteAsync(await ArchivePages.RenderYearAsync(renderer, year.Key, year.Select(m => (m.Year, m.Month, m.Count)).ToList()));
        }

        foreach (var month in months)
        {
            await WriteAsync(await ArchivePages.RenderMonthAsync(renderer, month));
            await WriteAsync(ListFiles.MonthSitemap(renderer, month));
        }

        await WriteAsync(ListFiles.SitemapIndex(renderer, monthCounts));
        await WriteAsync(ListFiles.ListPagesSitemap(renderer, tagCounts, monthCounts));
    }

    private async ValueTask WriteAsync(SitePage page)
    {
        await sink.WriteAsync(page, cancellationToken);
        Written++;
    }

    // One tag written several ways (Türkiye, TÜRKİYE) is shown the way most posts write it; on a tie,
    // the way the oldest post wrote it, so a new post cannot rename a tag by accident.
    private static Tag DisplayForm(IEnumerable<Tag> spellingsNewestFirst) =>
        spellingsNewestFirst
            .Select((tag, index) => (tag, index))
            .GroupBy(x => x.tag.Name, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(x => x.index))
            .First().First().tag;
}
