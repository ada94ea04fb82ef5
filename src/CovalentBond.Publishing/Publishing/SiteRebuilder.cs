using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Publishing;

/// <summary>
/// Re-renders every article from its stored source and the current index, so older articles' "Latest
/// news" lists catch up. This is the simple, in-process form used by <c>covalent dev</c>; the scheduled,
/// queue-driven republish that scales out is a later step (issue 5).
/// </summary>
public sealed class SiteRebuilder(PostReader reader, PageRenderer renderer, ISourceStore sources, ISiteStore site, IPostIndex index)
{
    /// <returns>The site files whose bytes changed.</returns>
    public async Task<IReadOnlyList<string>> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var latest = await index.LatestAsync(renderer.Site.LatestCount + 1, cancellationToken);
        var written = new List<string>();
        async Task WriteAsync(SitePage page)
        {
            if (await site.WriteAsync(page, cancellationToken))
            {
                written.Add(page.Path);
            }
        }

        await WriteAsync(renderer.Stylesheet());
        await WriteAsync(await HomePage.RenderAsync(renderer, latest.Take(renderer.Site.LatestCount).ToList()));
        await WriteAsync(await NotFoundPage.RenderAsync(renderer));

        await foreach (var record in index.AllAsync(cancellationToken))
        {
            var source = await sources.ReadAsync(record.SourceName, cancellationToken)
                ?? throw new InvalidOperationException($"The index lists '{record.Slug}' but its source '{record.SourceName}' is missing.");
            var parsed = reader.Read(source, record.SourceName);
            if (!parsed.IsValid)
            {
                throw new InvalidOperationException($"The stored source '{record.SourceName}' no longer reads: {string.Join("; ", parsed.Problems)}");
            }

            // The slug is the index's, which is the one the post was published under.
            var post = parsed.Post! with { Slug = record.Slug };
            await WriteAsync(await ArticlePage.RenderAsync(renderer, post, latest));
        }

        return written;
    }
}
