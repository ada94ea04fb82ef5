using CovalentBond.Publishing.Pages;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// How an update's pages reach the site, injected into the one page pipeline (<see cref="SiteUpdater"/>,
/// <see cref="ListPagesUpdater"/>): versioned into a store (publish, republish, a republish batch against its listing,
/// verify's auditing store), or straight into a build's output (<see cref="SinkPageWriter"/>).
/// </summary>
internal interface IPageWriter
{
    /// <summary>Writes pages rendered from index state <paramref name="version"/>, as this writer's rules allow.</summary>
    /// <returns>The paths written.</returns>
    Task<List<string>> WriteAsync(long version, CancellationToken cancellationToken, params SitePage[] pages);

    /// <summary>Removes files no longer wanted as of index state <paramref name="version"/>.</summary>
    /// <returns>The paths removed.</returns>
    Task<List<string>> DeleteAsync(long version, CancellationToken cancellationToken, params string[] paths);
}

/// <summary>
/// Writes pages into a build's output as they are made: a build starts from nothing, so versions do not matter, a page
/// two families share (the list pages' sitemap) is written once, and nothing is removed (the output drops what the
/// build did not write).
/// </summary>
internal sealed class SinkPageWriter(Build.IPageSink sink) : IPageWriter
{
    private readonly HashSet<string> written = new(StringComparer.Ordinal);

    /// <summary>How many files this writer handed to the sink.</summary>
    public int Count => written.Count;

    public async Task<List<string>> WriteAsync(long version, CancellationToken cancellationToken, params SitePage[] pages)
    {
        var paths = new List<string>();
        foreach (var page in pages)
        {
            if (written.Add(page.Path))
            {
                await sink.WriteAsync(page, cancellationToken);
                paths.Add(page.Path);
            }
        }

        return paths;
    }

    public Task<List<string>> DeleteAsync(long version, CancellationToken cancellationToken, params string[] paths) => Task.FromResult(new List<string>());
}
