using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Build;

/// <summary>
/// Renders a whole site from a set of Markdown sources, with the same page generators the Functions
/// use: every article, the home page, tags, archives, feeds, sitemaps, robots.txt, redirects and 404.
/// Bad sources are reported and left out; the rest still build.
/// </summary>
/// <remarks>
/// How (docs/performance.md#full-build): every source's front matter is read first, on every core, and only what
/// lists need is kept of it; slugs two files claim and the latest news are settled next, rendering just the bodies
/// that decide them; then each post is read again, rendered and its page handed to the sink, on every core, and
/// nothing of it is kept but its summary. So a site's bodies and pages are never in memory together, and the
/// latest-news list most articles share is rendered once.
/// </remarks>
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
    public async Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, BuildMedia? media, CancellationToken cancellationToken = default)
    {
        var collector = new PageCollector();
        var result = await BuildAsync(sources, now, media, collector, cancellationToken);
        return result with { Pages = collector.Pages };
    }

    /// <summary>Builds with images processed before (a rebuild of stored posts: the media index has them).</summary>
    public async Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, IMediaCatalog media, CancellationToken cancellationToken = default)
    {
        var collector = new PageCollector();
        var result = await BuildAsync(sources, now, media, collector, cancellationToken);
        return result with { Pages = collector.Pages };
    }

    /// <summary>Builds into <paramref name="sink"/>, each page handed over as it is made and not kept.</summary>
    /// <param name="media">Images to process into variants and show in the posts that use them; none when null.</param>
    public async Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, BuildMedia? media, IPageSink sink, CancellationToken cancellationToken = default)
    {
        var problems = new List<SourceProblem>();
        var (catalog, variants) = BuildImages.Process(media, problems, cancellationToken);
        var result = await BuildPostsAsync(sources, now, catalog, problems, sink, cancellationToken);
        foreach (var variant in variants)
        {
            await sink.WriteAsync(variant, cancellationToken);
        }

        return result with { PageCount = result.PageCount + variants.Count };
    }

    /// <summary>Builds into <paramref name="sink"/> with images processed before.</summary>
    public Task<StaticBuildResult> BuildAsync(IEnumerable<SourceFile> sources, DateTimeOffset now, IMediaCatalog media, IPageSink sink, CancellationToken cancellationToken = default) =>
        BuildPostsAsync(sources, now, media, [], sink, cancellationToken);

    private async Task<StaticBuildResult> BuildPostsAsync(
        IEnumerable<SourceFile> sources, DateTimeOffset now, IMediaCatalog catalog, List<SourceProblem> problems, IPageSink sink, CancellationToken cancellationToken)
    {
        var site = renderer.Site;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var ordered = sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var outcomes = new SourceOutcome[ordered.Count];

        // 1. Front matter, everything lists and slugs need; the body is dropped until its page is made.
        Parallel.For(0, ordered.Count, parallel, i => outcomes[i] = SourceOutcome.Read(preparer.Reader, ordered[i], now));

        var slugs = outcomes.Where(o => o.Post is not null).Select(o => o.Post!.Slug).ToHashSet(StringComparer.Ordinal);

        // 2. Who owns a slug two files claim: the first (by file name) whose body renders.
        var claims = outcomes.Where(o => o.Post is not null).GroupBy(o => o.Post!.Slug, StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            SourceOutcome? owner = null;
            foreach (var outcome in claim)
            {
                if (claim.Count() > 1)
                {
                    outcome.Prepare(preparer, catalog, keep: owner is null, slugs);
                }

                if (outcome.BodyValid == false)
                {
                    continue;
                }

                if (owner is null)
                {
                    owner = outcome;
                    outcome.Owner = true;
                }
                else
                {
                    outcome.Problems.Add(new PostProblem(null, "slug", $"'{outcome.Post!.Slug}' is already the slug of {owner.Source.Name}"));
                }
            }
        }

        // 3. The latest news every article shows: the newest published posts whose bodies render.
        var latest = new List<SourceOutcome>();
        foreach (var outcome in outcomes.Where(o => o.Listed(checkBody: false)).OrderBy(o => o, SourceOutcome.NewestFirst))
        {
            if (latest.Count > site.LatestCount)
            {
                break;
            }

            if (outcome.BodyValid is null)
            {
                outcome.Prepare(preparer, catalog, keep: true, slugs);
            }

            if (outcome.BodyValid == true)
            {
                latest.Add(outcome);
            }
        }

        var latestSummaries = latest.Select(o => o.Summary).ToList();
        var latestSlugs = latestSummaries.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        var sharedLatest = await renderer.LatestHtmlAsync(latestSummaries.Take(site.LatestCount).ToList());

        // The candidates of related stories: each tag's newest posts, as the index's tag lists give them to a publish.
        var tagHeads = outcomes.Where(o => o.Listed(checkBody: false)).OrderBy(o => o, SourceOutcome.NewestFirst)
            .SelectMany(o => o.Post!.Tags.Select(t => t.Slug).Distinct(StringComparer.Ordinal).Select(tag => (Tag: tag, Outcome: o)))
            .GroupBy(p => p.Tag, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Take(RelatedStories.PoolPerTag).Select(p => PostSummary.Of(p.Outcome.Post!)).ToList(), StringComparer.Ordinal);

        // 4. Every post rendered (a draft too: its problems are reported) and its page handed over, every core busy.
        var articles = 0;
        await Parallel.ForEachAsync(outcomes, parallel, async (outcome, token) =>
        {
            if (outcome.Post is null || outcome.BodyValid == false || (outcome.BodyValid == true && !outcome.Owner))
            {
                return;
            }

            var prepared = outcome.TakePrepared() ?? outcome.Prepare(preparer, catalog, keep: false, slugs);
            if (prepared is null || !outcome.Listed(checkBody: true))
            {
                return;
            }

            SitePage page;
            try
            {
                var related = RelatedStories.Pick(prepared.Post.Slug, prepared.Post.Tags, prepared.Post.Tags.SelectMany(t => tagHeads.GetValueOrDefault(t.Slug) ?? []));
                page = await ArticlePage.RenderAsync(
                    renderer, prepared.Post, latestSummaries, prepared.Body, prepared.Media, latestSlugs.Contains(prepared.Post.Slug) ? null : sharedLatest, related);
                page = page with { CacheControl = CacheLifetimes.Article(prepared.Post.GoesLiveAt, prepared.Post.Modified, now) };
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // One post's page that cannot be made is its problem; the others are built.
                outcome.Fail(PostProblem.Unexpected("making the page of", e));

                return;
            }

            await sink.WriteAsync(page, token);
            Interlocked.Increment(ref articles);
        });

        foreach (var outcome in outcomes)
        {
            problems.AddRange(outcome.Problems.Select(p => new SourceProblem(outcome.Source.Name, p)));
        }

        var listed = outcomes.Where(o => o.Listed(checkBody: true)).OrderBy(o => o, SourceOutcome.NewestFirst).ToList();
        var posts = listed.Select(o => o.Post!).ToList();
        var fileOf = listed.ToDictionary(o => o.Post!.Slug, o => o.Source.Name, StringComparer.Ordinal);
        var lists = new SiteListPages(renderer, sink, cancellationToken);
        await lists.WriteAsync(posts, listed.Select(o => o.Summary).ToList(), now, slug => fileOf[slug], problems);

        var notShown = outcomes
            .Where(o => o.Owner && o.BodyValid == true && o.Visibility != PostVisibility.Published)
            .Select(o => (o.Source.Name, o.Post!, o.Visibility))
            .ToList();
        var warnings = outcomes.SelectMany(o => o.Warnings.Select(w => new SourceProblem(o.Source.Name, w))).ToList();
        return new StaticBuildResult([], problems, posts, notShown) { Warnings = warnings, PageCount = articles + lists.Written };
    }
}
