using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Rebuilds the whole site from the stored sources the index lists, with the static site builder, and
/// writes every page into the site store (unchanged bytes are skipped). This brings tags, archives,
/// feeds, sitemaps and older articles' "Latest news" up to date. It is the simple in-process form used
/// by <c>covalent dev</c>; the queue-driven republish that scales out is issue 5.
/// </summary>
public sealed class SiteRebuilder(StaticSiteBuilder builder, ISourceStore sources, ISiteStore site, IPostIndex index, IMediaIndex media, TimeProvider clock)
{
    /// <returns>The site files whose bytes changed.</returns>
    public async Task<IReadOnlyList<string>> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var files = new List<SourceFile>();
        await foreach (var record in index.AllAsync(cancellationToken))
        {
            var source = await sources.ReadAsync(record.SourceName, cancellationToken)
                ?? throw new InvalidOperationException($"The index lists '{record.Slug}' but its source '{record.SourceName}' is missing.");
            files.Add(new SourceFile(record.SourceName, source));
        }

        // The images were processed when they arrived: the pages name their variants, nothing is made again.
        var images = new Dictionary<string, MediaImage>(StringComparer.Ordinal);
        await foreach (var image in media.ListAsync(cancellationToken))
        {
            images[image.Key] = image;
        }

        var result = await builder.BuildAsync(files, clock.GetUtcNow(), new StoredMediaCatalog(images), cancellationToken);
        if (result.Problems.Count > 0)
        {
            throw new InvalidOperationException("Stored sources no longer build: " + string.Join("; ", result.Problems));
        }

        var written = new List<string>();
        foreach (var page in result.Pages)
        {
            if (await site.WriteAsync(page, cancellationToken))
            {
                written.Add(page.Path);
            }
        }

        return written;
    }
}
