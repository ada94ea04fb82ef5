using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Publishing;

namespace CovalentBond.Publishing.Verifying;

/// <summary>
/// A site store that writes nothing: every page the updater offers is compared with the stored one and
/// every difference noted. What the updater would have written is what the site lacks.
/// </summary>
internal sealed class AuditingSiteStore(ISiteStore stored) : ISiteStore
{
    private readonly List<SiteDrift> found = [];

    public HashSet<string> Offered { get; } = new(StringComparer.Ordinal);

    /// <summary>Takes the differences noted since the last call.</summary>
    public List<SiteDrift> Take()
    {
        var taken = found.ToList();
        found.Clear();
        return taken;
    }

    public Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken) => CompareAsync(page, null, cancellationToken);

    public Task<bool> WriteVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) => CompareAsync(page, version, cancellationToken);

    public Task<bool> RefreshVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) => CompareAsync(page, version, cancellationToken);

    public async Task<bool> DeleteVersionedAsync(string path, long version, CancellationToken cancellationToken)
    {
        if (await stored.ReadAsync(path, cancellationToken) is { } file && (file.Version ?? -1) < version)
        {
            found.Add(new SiteDrift(DriftKind.PageToRemove, path, "the index no longer lists what it shows"));
        }

        return false;
    }

    public Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken) => stored.ReadAsync(path, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken) => stored.ListAsync(cancellationToken);

    private async Task<bool> CompareAsync(SitePage page, long? version, CancellationToken cancellationToken)
    {
        Offered.Add(page.Path);
        var file = await stored.ReadAsync(page.Path, cancellationToken);
        if (file is null)
        {
            found.Add(new SiteDrift(DriftKind.MissingPage, page.Path, "the index lists it; the site does not have it"));
        }
        else if (!file.Content.AsSpan().SequenceEqual(page.Content) && !IsNewerOrOnlyLatestNews(page.Path, file.Version, version))
        {
            found.Add(new SiteDrift(DriftKind.StalePage, page.Path, "its content differs from what the index renders to now"));
        }

        // Nothing is written, so the updater never takes the "written" paths (re-checks after a write).
        return false;
    }

    /// <summary>
    /// A page rendered from a newer index state than this render is not stale (a publish ran meanwhile).
    /// An article rendered from its current record whose bytes differ only shows an older latest-news list:
    /// by design, publishing does not rewrite every article; the scheduled republish refreshes those.
    /// </summary>
    private static bool IsNewerOrOnlyLatestNews(string path, long? stored, long? wanted)
    {
        if (stored is not { } s || wanted is not { } w)
        {
            return false;
        }

        return s > w
            || (path.StartsWith("posts/", StringComparison.Ordinal) && path.EndsWith("/index.html", StringComparison.Ordinal)
                && s / SiteUpdater.SeqsPerVersion == w / SiteUpdater.SeqsPerVersion);
    }
}
