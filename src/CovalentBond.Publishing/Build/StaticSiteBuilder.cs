using CovalentBond.Publishing.Feeds;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Publishing;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Sitemaps;

namespace CovalentBond.Publishing.Build;

/// <summary>A source file to build: its name (for slugs and error messages) and bytes.</summary>
public sealed record SourceFile(string Name, ReadOnlyMemory<byte> Content);

/// <summary>A problem in one source file.</summary>
public sealed record SourceProblem(string FileName, PostProblem Problem)
{
    /// <summary><c>file:line: field: message</c>, the form editors and CI logs understand.</summary>
    public override string ToString() => Problem.In(FileName);
}

/// <summary>The images of a build: files among the sources, the content folder they are keyed under, and how to process them.</summary>
public sealed record BuildMedia(IReadOnlyList<SourceFile> Images, string ContentFolder, ImageProcessor Processor);

/// <summary>The whole site built from a set of sources.</summary>
public sealed record StaticBuildResult(
    IReadOnlyList<SitePage> Pages,
    IReadOnlyList<SourceProblem> Problems,
    IReadOnlyList<Post> Published,
    IReadOnlyList<(string FileName, Post Post, PostVisibility Visibility)> NotShown)
{
    /// <summary>What an editor should look at in posts that built: images without alt text or not found.</summary>
    public IReadOnlyList<SourceProblem> Warnings { get; init; } = [];
}

/// <summary>
/// Renders a whole site from a set of Markdown sources, with the same page generators the Functions
/// use: every article, the home page, tags, archives, feeds, sitemaps, robots.txt, redirects and 404.
/// Bad sources are reported and left out; the rest still build.
/// </summary>
public sealed class StaticSiteBuilder(PostPreparer preparer, PageRenderer renderer)
{
    public StaticSiteBuilder(PostReader reader, PageRenderer renderer)
        : this(new PostPreparer(reader, renderer), renderer)
    {
    }

    /// <summary>How this builder reads posts (for tools that handle one post, like a preview).</summary>
    public PostReader Reader => preparer.Reader;

    /// <summary>How this builder renders pages.</summary>
    public PageRenderer Renderer => renderer;

    public Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BuildAsync(sources, now, (BuildMedia?)null, cancellationToken);

    /// <param name="media">Images to process into variants and show in the posts that use them; none when null.</param>
    public Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, BuildMedia? media, CancellationToken cancellationToken = default)
    {
        var problems = new List<SourceProblem>();
        var (catalog, variants) = ProcessImages(media, problems, cancellationToken);
        return BuildAsync(sources, now, catalog, variants, problems, cancellationToken);
    }

    /// <summary>Builds with images processed before (a rebuild of stored posts: the media index has them).</summary>
    public Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, IMediaCatalog media, CancellationToken cancellationToken = default) =>
        BuildAsync(sources, now, media, [], [], cancellationToken);

    private async Task<StaticBuildResult> BuildAsync(
        IEnumerable<SourceFile> sources, DateTimeOffset now, IMediaCatalog catalog, List<SitePage> variants, List<SourceProblem> problems, CancellationToken cancellationToken)
    {
        var warnings = new List<SourceProblem>();
        var posts = new List<Post>();
        var bodies = new Dictionary<Post, PreparedPost>(ReferenceEqualityComparer.Instance);
        var notShown = new List<(string, Post, PostVisibility)>();
        var slugOwners = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var source in sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Read, checked and rendered once, as a publish does: a body that breaks a limit is a problem, not a crash.
            var prepared = preparer.Prepare(source.Content.Span, source.Name, media: catalog);
            if (!prepared.IsValid)
            {
                problems.AddRange(prepared.Problems.Select(p => new SourceProblem(source.Name, p)));
                continue;
            }

            var post = prepared.Prepared!.Post;
            bodies[post] = prepared.Prepared;
            warnings.AddRange(prepared.Prepared.Warnings.Select(w => new SourceProblem(source.Name, w)));
            if (slugOwners.TryGetValue(post.Slug, out var owner))
            {
                problems.Add(new SourceProblem(source.Name, new PostProblem(null, "slug", $"'{post.Slug}' is already the slug of {owner}")));
                continue;
            }

            slugOwners[post.Slug] = source.Name;
            var visibility = post.VisibilityAt(now);
            if (visibility == PostVisibility.Published)
            {
                posts.Add(post);
            }
            else
            {
                notShown.Add((source.Name, post, visibility));
            }
        }

        posts.Sort((a, b) => b.Date.CompareTo(a.Date) is var c and not 0 ? c : string.CompareOrdinal(a.Slug, b.Slug));
        var pages = await RenderAsync(posts, bodies, now, problems, slugOwners);
        pages.AddRange(variants);
        return new StaticBuildResult(pages, problems, posts, notShown) { Warnings = warnings };
    }

    /// <summary>Every image made into its variants, both cores busy; a refused image is a problem of its file, and the posts build without it.</summary>
    private static (IMediaCatalog Catalog, List<SitePage> Variants) ProcessImages(BuildMedia? media, List<SourceProblem> problems, CancellationToken cancellationToken)
    {
        if (media is null || media.Images.Count == 0)
        {
            return (NoMedia.Instance, []);
        }

        var processed = new ProcessedImage?[media.Images.Count];
        var refused = new string?[media.Images.Count];
        Parallel.For(0, media.Images.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) }, i =>
        {
            var file = media.Images[i];
            try
            {
                processed[i] = media.Processor.Process(SourceFolderMediaCatalog.KeyOf(media.ContentFolder, file.Name), file.Content.ToArray());
            }
            catch (MediaRejectedException ex)
            {
                refused[i] = ex.Message;
            }
        });

        var images = new Dictionary<string, MediaImage>(StringComparer.Ordinal);
        var variants = new Dictionary<string, SitePage>(StringComparer.Ordinal);
        for (var i = 0; i < processed.Length; i++)
        {
            if (refused[i] is { } message)
            {
                problems.Add(new SourceProblem(media.Images[i].Name, new PostProblem(null, "image", message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..])));
                continue;
            }

            images[processed[i]!.Image.Key] = processed[i]!.Image;
            foreach (var variant in processed[i]!.Variants)
            {
                // The same photo twice (two posts' copies) makes the same variants once.
                variants.TryAdd(variant.Path, variant);
            }
        }

        return (new SourceFolderMediaCatalog(images, media.ContentFolder), variants.Values.ToList());
    }

    private async Task<List<SitePage>> RenderAsync(
        List<Post> posts, Dictionary<Post, PreparedPost> bodies, DateTimeOffset now, List<SourceProblem> problems, Dictionary<string, string> slugOwners)
    {
        var site = renderer.Site;
        var summaries = posts.Select(p => PostSummary.Of(p) with { Hero = bodies[p].Hero }).ToList();
        var latest = summaries.Take(site.LatestCount + 1).ToList();
        var pages = new List<SitePage>
        {
            renderer.Stylesheet(),
            renderer.Favicon(),
            await HomePage.RenderAsync(renderer, latest),
            await NotFoundPage.RenderAsync(renderer),
            Sitemap.RenderRobots(site),
            RssFeed.Render(site, SitePaths.Rss, SiteUpdater.SiteFeed(renderer, summaries.Take(site.LatestCount).ToList())),
            AtomFeed.Render(site, SitePaths.Atom, SiteUpdater.SiteFeed(renderer, summaries.Take(site.LatestCount).ToList())),
            Sitemap.RenderNews(site, summaries.Take(SiteUpdater.NewsSitemapSize).ToList(), now),
        };

        var taken = new HashSet<string>(pages.Select(p => p.Path), StringComparer.Ordinal);
        foreach (var post in posts)
        {
            pages.Add(await ArticlePage.RenderAsync(renderer, post, latest, bodies[post].Body, bodies[post].Media));
            taken.Add(SitePaths.Post(post.Slug));
        }

        foreach (var post in posts)
        {
            foreach (var alias in post.Aliases)
            {
                var path = SitePaths.Alias(alias);
                if (!taken.Add(path))
                {
                    problems.Add(new SourceProblem(slugOwners[post.Slug], new PostProblem(null, "aliases", $"'{alias}' is already the address of another page")));
                    continue;
                }

                pages.Add(await RedirectPage.RenderAsync(renderer, alias, post.Slug));
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
            pages.Add(await TagPage.RenderAsync(renderer, tag, tagged.Take(site.TagPageSize).ToList(), tagged.Count));
            pages.AddRange(SiteUpdater.TagFeeds(renderer, tag, tagged));
        }

        var tagCounts = byTag.Select(t => new TagCount(t.Tag, t.Posts.Count)).ToList();
        pages.Add(await TagsIndexPage.RenderAsync(renderer, tagCounts.Select(t => (t.Tag, t.Count)).ToList()));

        // Archives: by month in the site's time zone.
        var months = summaries
            .GroupBy(p => { var local = site.ToLocal(p.Date); return (local.Year, local.Month); })
            .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.ToList()))
            .OrderByDescending(m => m.Year).ThenByDescending(m => m.Month)
            .ToList();
        var monthCounts = months.Select(m => new MonthCount(m.Year, m.Month, m.Posts.Count, m.Posts.Max(p => p.Modified))).ToList();
        pages.Add(await ArchivePages.RenderIndexAsync(renderer, monthCounts.Select(m => (m.Year, m.Month, m.Count)).ToList()));
        foreach (var year in monthCounts.GroupBy(m => m.Year))
        {
            pages.Add(await ArchivePages.RenderYearAsync(renderer, year.Key, year.Select(m => (m.Year, m.Month, m.Count)).ToList()));
        }

        foreach (var month in months)
        {
            pages.Add(await ArchivePages.RenderMonthAsync(renderer, month));
            pages.Add(SiteUpdater.MonthSitemap(renderer, month));
        }

        pages.Add(SiteUpdater.SitemapIndex(renderer, monthCounts));
        pages.Add(SiteUpdater.ListPagesSitemap(renderer, tagCounts, monthCounts));
        return pages;
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
