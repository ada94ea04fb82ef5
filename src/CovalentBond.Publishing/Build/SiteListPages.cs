using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Memory;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Build;

/// <summary>
/// Everything of a built site but its articles: the theme's files (stylesheet, icon, 404, robots.txt), redirects, and
/// the list pages (home, feeds, sitemaps, tags, archives). The list pages come from the one page pipeline publishing
/// runs (<see cref="ListPagesUpdater"/>), fed by an index of the site's posts in memory instead of the table.
/// </summary>
internal sealed class SiteListPages(PageRenderer renderer, IPageSink sink, CancellationToken cancellationToken)
{
    private readonly SinkPageWriter writer = new(sink);

    public int Written => writer.Count;

    /// <param name="posts">The posts on the site, newest first.</param>
    /// <param name="summaries">Their summaries, in the same order.</param>
    /// <param name="fileOf">The source file of each post's slug, for problems with its aliases.</param>
    public async Task WriteAsync(IReadOnlyList<Post> posts, IReadOnlyList<PostSummary> summaries, DateTimeOffset now, Func<string, string> fileOf, List<SourceProblem> problems)
    {
        var site = renderer.Site;
        await WriteAsync(await SiteUpdater.ThemeFilesAsync(renderer));

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

        // The list pages, as publishing renders them: an index of the posts, saved oldest first as a site publishes them
        // (so a tag written several ways is shown as its oldest post spells it), then every list's key through the pipeline.
        var clock = new FixedClock(now);
        var index = new InMemoryPostIndex(site, clock);
        for (var i = posts.Count - 1; i >= 0; i--)
        {
            var record = PostRecord.Of(posts[i], fileOf(posts[i].Slug), contentHash: string.Empty, now) with { Status = PostStatus.Published, Hero = summaries[i].Hero };
            await index.SaveAsync(record, cancellationToken);
        }

        var lists = new ListPagesUpdater(renderer, index, clock, writer, snapshot: null);
        var reads = new UpdateReads(index, SiteUpdater.LatestReadSizeOf(site), cancellationToken);
        var keys = (await WholeSite.PlanAsync(index, cancellationToken)).Skip(1).SelectMany(group => group).ToList();
        var years = keys.OfType<PageKey.Month>().Select(m => m.Year).ToHashSet();
        foreach (var key in keys)
        {
            _ = await lists.UpdateAsync(key, reads, years, cancellationToken) ?? throw new InvalidOperationException($"{key} is not a list page");
        }
    }

    private async Task WriteAsync(params SitePage[] pages) => await writer.WriteAsync(0, cancellationToken, pages);

    /// <summary>The build's "now", as the clock of the list pages (the news sitemap's window).</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
