using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ownership;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Sitemaps;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Renders the pages a publish plan names from the index, and writes them guarded by the version of
/// the index state they were rendered from, so that concurrent publishers end with the newest render
/// and a repeated delivery writes nothing. Every read is a point read or one single-partition query.
/// </summary>
public sealed partial class SiteUpdater(
    PageRenderer renderer,
    StoredArticleRenderer stored,
    ISiteStore site,
    IPostIndex index,
    TimeProvider clock,
    ILogger<SiteUpdater> logger)
{
    // Article pages depend on their record's version and on the latest list: (version, seq) as one number.
    internal const long SeqsPerVersion = 1_000_000_000_000;

    /// <summary>True for a republish: pages of the same index state are rewritten when their bytes differ.</summary>
    private bool Refreshing { get; init; }

    /// <summary>A republish batch's reads made beforehand (Republishing/BatchSnapshot); null otherwise.</summary>
    private BatchSnapshot? Snapshot { get; init; }

    /// <summary>Writes the pages as this updater was made to (publish, republish, batch). Two small objects, made as used.</summary>
    private VersionedPageWriter Writer => new(site, Refreshing, Snapshot);

    private ListPagesUpdater Lists => new(renderer, index, clock, Writer, Snapshot);

    /// <summary>
    /// The same updater for a republish: it renders as a publish does, and also rewrites pages whose index
    /// state is unchanged but whose bytes are not (a new theme, new site settings, a stale latest-news list).
    /// </summary>
    public SiteUpdater ForRepublish() => new(renderer, stored, site, index, clock, logger) { Refreshing = true };

    /// <summary>The republish updater for one batch, reading from <paramref name="snapshot"/> what it holds.</summary>
    public SiteUpdater ForBatch(BatchSnapshot snapshot) => new(renderer, stored, site, index, clock, logger) { Refreshing = true, Snapshot = snapshot };

    /// <summary>
    /// The same updater writing into another store: verification offers every page to an auditing store. With
    /// <paramref name="reads"/>, the lists every page draws on are read once for all the updates that share them.
    /// </summary>
    internal SiteUpdater WritingTo(ISiteStore store, UpdateReads? reads = null) => new(renderer, stored, store, index, clock, logger) { SharedReads = reads };

    /// <summary>Reads to share between updates (<see cref="WritingTo"/>).</summary>
    internal UpdateReads NewReads(CancellationToken cancellationToken) => new(index, LatestReadSize, cancellationToken);

    private UpdateReads? SharedReads { get; init; }

    /// <summary>Brings the pages of <paramref name="keys"/> up to date.</summary>
    /// <param name="post">The post just read, to save reading its source again; may be null.</param>
    /// <returns>The site files written or removed.</returns>
    public async Task<IReadOnlyList<string>> UpdateAsync(IReadOnlyList<PageKey> keys, PreparedPost? post, CancellationToken cancellationToken)
    {
        // Several pages draw on the same lists: read each once per update (each read is a query).
        var reads = SharedReads ?? new UpdateReads(index, LatestReadSize, cancellationToken);
        var changed = new List<string>();
        var archiveYears = keys.OfType<PageKey.Month>().Select(m => m.Year).ToHashSet();
        if (Snapshot is not null && keys.OfType<PageKey.Article>().ToList() is { Count: > 0 } articles)
        {
            changed.AddRange(await ArticlesAsync(reads, articles, cancellationToken));
            keys = keys.Where(k => k is not PageKey.Article).ToList();
        }

        foreach (var key in keys)
        {
            var done = key switch
            {
                PageKey.Article a => await ArticleAsync(reads, a.Slug, post, cancellationToken),
                PageKey.Withdrawn w => await WithdrawnAsync(w.Slug, w.Gone, cancellationToken),
                PageKey.Redirect r => await RedirectAsync(reads, r.AliasPath, r.Slug, cancellationToken),
                PageKey.RemoveRedirect r => await RemoveRedirectAsync(r.AliasPath, r.Slug, cancellationToken),
                PageKey.Neighbours n => await NeighboursAsync(reads, n, post, cancellationToken),
                _ => await Lists.UpdateAsync(key, reads, archiveYears, cancellationToken) ?? throw new InvalidOperationException($"No page for {key}"),
            };
            changed.AddRange(done);
        }

        // Theme files: unchanged bytes are skipped, so this costs two reads per publish (a republish writes them once, when it starts).
        foreach (var asset in Snapshot is not null ? [] : await ThemeFilesAsync())
        {
            if (await site.WriteAsync(asset, cancellationToken))
            {
                changed.Add(asset.Path);
            }
        }

        return changed;
    }

    /// <summary>
    /// Brings one post's article page up to date from its record and source already in hand (verify reads every
    /// source to check it, and audits the page with the same bytes): neither is read again. The theme files are not
    /// offered; the other units of the same run offer them.
    /// </summary>
    internal async Task<IReadOnlyList<string>> UpdateArticleAsync(PostRecord record, CachedSource source, CancellationToken cancellationToken) =>
        await ArticleAsync(SharedReads ?? new UpdateReads(index, LatestReadSize, cancellationToken), record.Slug, null, cancellationToken, known: (record, source));

    /// <summary>The files of the theme every page shares: the stylesheet, the icon, the 404 page and robots.txt.</summary>
    public Task<SitePage[]> ThemeFilesAsync() => ThemeFilesAsync(renderer);

    /// <summary>The files of the theme every page shares, as <paramref name="renderer"/> makes them (a build's too).</summary>
    internal static async Task<SitePage[]> ThemeFilesAsync(PageRenderer renderer) =>
        [renderer.Stylesheet(), renderer.Favicon(), await NotFoundPage.RenderAsync(renderer), Sitemap.RenderRobots(renderer.Site)];

    private int LatestReadSize => LatestReadSizeOf(renderer.Site);

    /// <summary>How much of the latest list an update reads: the articles' latest news and the news sitemap.</summary>
    internal static int LatestReadSizeOf(Site.SiteOptions site) => Math.Max(site.LatestCount + 1, ListFiles.NewsSitemapSize);

    private Task<List<string>> WriteAsync(long version, CancellationToken cancellationToken, params SitePage[] pages) => Writer.WriteAsync(version, cancellationToken, pages);

    private Task<List<string>> DeleteAsync(long version, CancellationToken cancellationToken, params string[] paths) => Writer.DeleteAsync(version, cancellationToken, paths);

    /// <summary>
    /// A republish batch's articles, several at a time: the latest-news list most of them share is rendered once, and a
    /// page listed as rendered from the state it would be rendered from now is not rendered again (<see cref="BatchSnapshot.SameRendering"/>).
    /// </summary>
    private async Task<List<string>> ArticlesAsync(UpdateReads reads, List<PageKey.Article> articles, CancellationToken cancellationToken)
    {
        var latest = (await reads.LatestAsync()).Posts.Take(renderer.Site.LatestCount + 1).ToList();
        var onTheList = latest.Take(renderer.Site.LatestCount).Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        var shared = await renderer.LatestHtmlAsync(latest.Take(renderer.Site.LatestCount).ToList());
        var written = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (article, token) =>
        {
            foreach (var path in await ArticleAsync(reads, article.Slug, null, token, onTheList.Contains(article.Slug) ? null : shared))
            {
                written.Add(path);
            }
        });
        return [.. written];
    }

    private async Task<List<string>> ArticleAsync(
        UpdateReads reads, string slug, PreparedPost? prepared, CancellationToken cancellationToken, string? latestHtml = null, (PostRecord Record, CachedSource Source)? known = null)
    {
        var record = known?.Record ?? Snapshot?.Record(slug) ?? await index.GetAsync(slug, cancellationToken);
        if (record is not { IsListed: true })
        {
            return [];
        }

        var latest = await reads.LatestAsync();
        var version = (record.Version * SeqsPerVersion) + latest.Seq;
        if (Snapshot is { SameRendering: true } && Snapshot.Deployed(renderer.Site.ArticleFile(slug, record.Date)) is { Exists: true } same && same.Version == version)
        {
            return [];
        }

        var related = await reads.RelatedAsync(slug, record.Tags);
        var page = prepared is not null && prepared.Post.Slug == slug
            ? await ArticlePage.RenderAsync(renderer, prepared.Post, latest.Posts.Take(renderer.Site.LatestCount + 1).ToList(), prepared.Body, prepared.Media, related: related)
            : await stored.RenderAsync(record, latest.Posts.Take(renderer.Site.LatestCount + 1).ToList(), cancellationToken, known?.Source ?? (Snapshot is null ? null : await Snapshot.CopyAsync(slug)), latestHtml, related);
        if (page is null)
        {
            return [];
        }

        page = page with { CacheControl = CacheLifetimes.Article(record.GoesLiveAt, record.Modified, clock.GetUtcNow()) };

        // Over a page the job listed and that is unchanged since: one request at most, and no need to look again (a
        // withdrawal meanwhile would have changed the page, and the listed ETag would not match).
        if (Snapshot?.Deployed(page.Path) is { Exists: true } listed && await site.RefreshListedAsync(page, version, listed, cancellationToken) is { } done)
        {
            return done ? [page.Path] : [];
        }

        var written = await WriteAsync(version, cancellationToken, page);

        // A writer that read an older record may land after the post was withdrawn: look again.
        if (written.Count > 0)
        {
            var now = await index.GetAsync(slug, cancellationToken);
            if (now is not { IsListed: true })
            {
                written.AddRange(await WithdrawnAsync(slug, now?.Status == PostStatus.Deleted, cancellationToken));
            }
        }

        return written;
    }

    /// <summary>
    /// The articles most related to a post that appeared, changed how it is listed, or went: those that suggest it, or
    /// should now. Their pages are rendered again (each with its own related stories); a post's own page is not among them.
    /// </summary>
    private async Task<List<string>> NeighboursAsync(UpdateReads reads, PageKey.Neighbours key, PreparedPost? post, CancellationToken cancellationToken)
    {
        var heads = await Task.WhenAll(key.TagSlugs.Select(reads.TagHeadAsync));
        var written = new List<string>();
        foreach (var neighbour in RelatedStories.Pick(key.Slug, key.TagSlugs, heads.SelectMany(h => h.Posts)))
        {
            written.AddRange(await ArticleAsync(reads, neighbour.Slug, post, cancellationToken));
        }

        return written;
    }

    private async Task<List<string>> WithdrawnAsync(string slug, bool gone, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null || record.IsListed)
        {
            return [];
        }

        // Beyond any article render of the same record version.
        var version = ((record.Version + 1) * SeqsPerVersion) - 1;
        if (record is { Status: PostStatus.Moved, MovedTo: { } target })
        {
            return await WriteAsync(version, cancellationToken, await RedirectPage.RenderAsync(renderer, renderer.Site.ArticleUrl(slug, record.Date), target, record.Date));
        }

        return gone || record.Status == PostStatus.Deleted
            ? await WriteAsync(version, cancellationToken, await GonePage.RenderAsync(renderer, slug, record.Date))
            : await DeleteAsync(version, cancellationToken, renderer.Site.ArticleFile(slug, record.Date));
    }


    private async Task<List<string>> RedirectAsync(UpdateReads reads, string alias, string slug, CancellationToken cancellationToken)
    {
        // Written only where the post may stand (Ownership/): never over a file of the site's own or another post's live
        // article, whatever an index written before these checks holds.
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is not { IsListed: true } || AliasAddress.FileOf(alias) is not { } file || SiteFiles.OwnerOf(file) is not null
            || await AliasIsTakenAsync(file, slug, cancellationToken))
        {
            return [];
        }

        // A republish versions it as the post's article, so that it takes the place of the post's own article at an
        // address Site:Permalink moved away from (and the article takes it back if the setting is changed back). An alias
        // at another post's article address stays below every article version: that post's page always wins.
        var anothersAddress = ArticleKeyOf(file) is { } key && key != slug;
        var version = Refreshing && !anothersAddress ? (record.Version * SeqsPerVersion) + (await reads.LatestAsync()).Seq : record.Version;
        return await WriteAsync(version, cancellationToken, await RedirectPage.RenderAsync(renderer, alias, slug, record.Date));
    }

    /// <summary>The key of the article whose file <paramref name="file"/> is under Site:Permalink (compared without regard to case), or null.</summary>
    private string? ArticleKeyOf(string file) => renderer.Site.Articles.KeyOfFile(file);

    /// <summary>
    /// True when an alias's file is another post's own article and that post still answers there (published,
    /// deleted with its "gone" page, or moved with its redirect): the alias must not overwrite it. Once
    /// that post is unpublished, the alias takes the address (at the aliasing post's next publish or a republish).
    /// </summary>
    private async Task<bool> AliasIsTakenAsync(string file, string slug, CancellationToken cancellationToken)
    {
        if (ArticleKeyOf(file) is not { } owner || owner == slug)
        {
            return false;
        }

        return await index.GetAsync(owner, cancellationToken) is { Status: PostStatus.Published or PostStatus.Deleted or PostStatus.Moved };
    }

    private async Task<List<string>> RemoveRedirectAsync(string alias, string? slug, CancellationToken cancellationToken)
    {
        // The redirect is versioned by its post's record; removal wins over any older write. An alias that is the site's
        // own file or another post's live address was never written, and that page stays. When two posts list one alias,
        // the redirect standing there may be the other's: it stays too. An alias of an index from before the checks is
        // removed from the file the old code wrote it to.
        var file = AliasAddress.FileOf(alias) ?? SitePaths.Alias(alias);
        if (SiteFiles.OwnerOf(file) is not null || await AliasIsTakenAsync(file, string.Empty, cancellationToken))
        {
            return [];
        }

        var existing = await site.ReadAsync(file, cancellationToken);
        var target = slug is null || existing is null ? null
            : renderer.Site.Articles.Fits(slug) ? renderer.Site.Articles.Url(slug)
            : await index.GetAsync(slug, cancellationToken) is { } record ? renderer.Site.ArticleUrl(slug, record.Date) : renderer.Site.Articles.Url(slug);
        var anothers = target is not null && !System.Text.Encoding.UTF8.GetString(existing!.Content).Contains(renderer.AbsoluteUrl(target), StringComparison.Ordinal);
        return existing is null || anothers || !RedirectPage.Is(existing.Content)
            ? []
            : await DeleteAsync(long.MaxValue, cancellationToken, file);
    }
}
