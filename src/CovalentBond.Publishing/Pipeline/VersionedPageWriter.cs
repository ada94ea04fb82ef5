using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Writes and removes an update's pages, each guarded by the index state it was rendered from: a publish writes over
/// older states only, a republish also over the same state when the bytes differ, and a republish batch compares first
/// with what its job listed (one request at most, none for unchanged bytes).
/// </summary>
internal sealed class VersionedPageWriter(ISiteStore site, bool refreshing, BatchSnapshot? snapshot) : IPageWriter
{
    public async Task<List<string>> WriteAsync(long version, CancellationToken cancellationToken, params SitePage[] pages)
    {
        var written = new List<string>();
        foreach (var page in pages)
        {
            // A republish batch compares with what the job or the batch listed: one request at most, none for unchanged bytes.
            if (snapshot?.Deployed(page.Path) is { } listed && await site.RefreshListedAsync(page, version, listed, cancellationToken) is { } done)
            {
                if (done)
                {
                    written.Add(page.Path);
                }

                continue;
            }

            if (refreshing ? await site.RefreshVersionedAsync(page, version, cancellationToken) : await site.WriteVersionedAsync(page, version, cancellationToken))
            {
                written.Add(page.Path);
            }
        }

        return written;
    }

    public async Task<List<string>> DeleteAsync(long version, CancellationToken cancellationToken, params string[] paths)
    {
        var removed = new List<string>();
        foreach (var path in paths)
        {
            if (await site.DeleteVersionedAsync(path, version, cancellationToken))
            {
                removed.Add(path);
            }
        }

        return removed;
    }
}
