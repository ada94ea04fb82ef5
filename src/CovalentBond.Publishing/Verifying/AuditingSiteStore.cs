using System.Collections.Concurrent;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Verifying;

/// <summary>
/// A site store that writes nothing: every page the updater offers is compared with the stored one and
/// every difference noted. What the updater would have written is what the site lacks. With a listing of the
/// site, a page listed with the MD5 of the offered bytes is not read, nor a file listed as absent or newer when
/// the updater would remove it.
/// </summary>
/// <param name="listed">The site's files as listed when the audit began, by path; null when the store cannot list them.</param>
/// <param name="offered">Every path offered, shared by the audits of one run.</param>
internal sealed class AuditingSiteStore(ISiteStore stored, IReadOnlyDictionary<string, DeployedPage>? listed, ConcurrentDictionary<string, bool> offered) : ISiteStore
{
    private readonly List<SiteDrift> found = [];

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
        if (listed is not null && (listed.GetValueOrDefault(path) is not { } known || known.Version >= version))
        {
            return false;
        }

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
        offered[page.Path] = true;
        // As listed with these bytes, or a version that allows other bytes (below): right, without a read. Listed as
        // stale, it is read to be sure (a publish may have written it since the listing).
        // A page listed with a newer version is read all the same: an alias's redirect written with a higher version may
        // stand where the owner's page belongs (rare otherwise: a publish during the audit).
        if (listed?.GetValueOrDefault(page.Path) is { } known
            && ((known.ContentMd5 is { } md5 && md5 == DeployedPage.Md5Of(page.Content)) || OnlyLatestNews(page.Path, known.Version, version)))
        {
            return false;
        }

        var file = await stored.ReadAsync(page.Path, cancellationToken);
        if (file is null)
        {
            found.Add(new SiteDrift(DriftKind.MissingPage, page.Path, "the index lists it; the site does not have it"));
        }
        else if (!RedirectPage.Is(page.Content) && RedirectPage.Is(file.Content))
        {
            // Ownership decides, not versions: a redirect never holds a page the index renders as something else.
            found.Add(new SiteDrift(DriftKind.PageOfAnotherOwner, page.Path, "a redirect stands where the index's own page belongs"));
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
    /// An article rendered from its current record whose bytes differ only shows an older latest-news list (or older
    /// related stories, past the nearest neighbours a publish refreshes):
    /// by design, publishing does not rewrite every article; the scheduled republish refreshes those.
    /// </summary>
    private static bool IsNewerOrOnlyLatestNews(string path, long? stored, long? wanted) =>
        stored is { } s && wanted is { } w && (s > w || OnlyLatestNews(path, s, w));

    private static bool OnlyLatestNews(string path, long? stored, long? wanted) =>
        stored is { } s && wanted is { } w
        && path.StartsWith("posts/", StringComparison.Ordinal) && path.EndsWith("/index.html", StringComparison.Ordinal)
        && s / SiteUpdater.SeqsPerVersion == w / SiteUpdater.SeqsPerVersion;
}
