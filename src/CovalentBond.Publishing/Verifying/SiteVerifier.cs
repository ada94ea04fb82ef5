using System.Collections.Concurrent;
using System.Security.Cryptography;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Verifying;

/// <summary>
/// Compares sources, index and site, and reports every drift: a source the index lacks or holds an old
/// version of, an index row whose source is gone, a page missing, stale or left over. With repair, each
/// drift is fixed through the normal paths (publish, unpublish, the republish updater), so repairing
/// twice does nothing the second time.
/// </summary>
public sealed partial class SiteVerifier(
    ISourceStore sources,
    ISiteStore site,
    IPostIndex index,
    PostReader reader,
    PostPreparer preparer,
    PostPublisher publisher,
    SiteUpdater updater,
    MediaVerifier media,
    ILogger<SiteVerifier> logger)
{
    /// <summary>
    /// Units audited and sources read at once: one instance, requests in flight instead of one after another (a run
    /// at 10,000 posts made 160,784 requests in a row before; docs/performance.md, "The daily verify").
    /// </summary>
    private const int Parallelism = 8;

    /// <summary>Theme assets are content-hashed and kept after a theme change: pages cached by the CDN still link them.</summary>
    private const string AssetsFolder = "assets/";

    public async Task<VerifyReport> VerifyAsync(bool repair, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.PublishingTelemetry.Source.StartActivity("verify");
        activity?.SetTag("covalent.repair", repair);
        var report = await CompareAsync(repair, cancellationToken);
        activity?.SetTag("covalent.drifts", report.Drifts.Count);
        activity?.SetTag("covalent.drift_kinds", string.Join(",", report.Drifts.Select(d => d.Kind).Distinct()));
        return report;
    }

    private async Task<VerifyReport> CompareAsync(bool repair, CancellationToken cancellationToken)
    {
        var drifts = new List<SiteDrift>();

        // 1. Sources against the index. Repairs here come first: the pages are rendered from the index.
        var (sourceDrifts, sourcesChecked, warnings) = await CheckSourcesAsync(cancellationToken);
        drifts.AddRange(sourceDrifts);
        if (repair)
        {
            await RepairSourcesAsync(sourceDrifts, cancellationToken);
        }

        // 2. The index against the site: every page it calls for, offered to an auditing store, several units at a time,
        // compared with one listing of the site (a page read only when its bytes differ from what is listed).
        var listed = await ListedAsync(cancellationToken);
        var offered = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var units = (await UnitsAsync(cancellationToken)).ToList();
        var found = new List<SiteDrift>[units.Count];
        var reads = updater.NewReads(cancellationToken); // the latest list, the tags and the months, read once for every unit
        await Parallel.ForEachAsync(Enumerable.Range(0, units.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var audit = new AuditingSiteStore(site, listed, offered);
            await updater.WritingTo(audit, reads).UpdateAsync(units[i], null, token);
            found[i] = audit.Take();
        });
        var drifted = new List<IReadOnlyList<PageKey>>();
        for (var i = 0; i < units.Count; i++)
        {
            if (found[i].Count > 0)
            {
                drifts.AddRange(found[i]);
                drifted.Add(units[i]);
            }
        }

        // 3. Files nothing accounts for; images (variants, and what posts name) have a verifier of their own.
        var orphans = new List<string>();
        var filesChecked = 0;
        var mediaFiles = new HashSet<string>(StringComparer.Ordinal);
        // From the audit's listing (made before it): a file written during the audit is looked at the next day.
        await foreach (var path in listed is not null ? listed.Keys.ToAsyncEnumerable() : site.ListAsync(cancellationToken))
        {
            filesChecked++;
            if (path.StartsWith(MediaVerifier.MediaFolder, StringComparison.Ordinal))
            {
                mediaFiles.Add(path);
                continue;
            }

            if (!offered.ContainsKey(path) && !path.StartsWith(AssetsFolder, StringComparison.Ordinal)
                && !drifts.Any(d => d.Kind == DriftKind.PageToRemove && d.Subject == path))
            {
                orphans.Add(path);
                drifts.Add(new SiteDrift(DriftKind.OrphanPage, path, "no post, list or redirect of the index accounts for it"));
            }
        }

        var images = await media.CheckAsync(mediaFiles, cancellationToken);
        drifts.AddRange(images.Drifts);
        orphans.AddRange(images.Orphans);

        if (repair)
        {
            var republisher = updater.ForRepublish();
            foreach (var unit in drifted)
            {
                await republisher.UpdateAsync(unit, null, cancellationToken);
            }

            foreach (var path in orphans)
            {
                await site.DeleteVersionedAsync(path, long.MaxValue, cancellationToken);
            }

            await media.RepairAsync(images.Drifts, cancellationToken);
        }

        LogVerified(logger, drifts.Count, repair, filesChecked, sourcesChecked);
        return new VerifyReport(drifts, repair, filesChecked, sourcesChecked) { Warnings = warnings };
    }

    /// <summary>
    /// The site's files as listed now, or null when the store cannot list them: then every page is read, and the
    /// files are listed again by name to find orphans.
    /// </summary>
    private async Task<Dictionary<string, DeployedPage>?> ListedAsync(CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, DeployedPage>(StringComparer.Ordinal);
        await foreach (var page in site.DeployedAsync(string.Empty, cancellationToken))
        {
            listed[page.Path] = page;
        }

        return listed.Count > 0 ? listed : null;
    }

    /// <summary>Page keys in the units they are checked and repaired in: one post at a time, one tag at a time, the lists together.</summary>
    private async Task<IEnumerable<IReadOnlyList<PageKey>>> UnitsAsync(CancellationToken cancellationToken)
    {
        var groups = await WholeSite.PlanAsync(index, cancellationToken);
        return groups[0].Select(k => (IReadOnlyList<PageKey>)[k])
            .Concat(groups[1].Select(k => (IReadOnlyList<PageKey>)[k]))
            .Append(groups[2]);
    }

    private async Task<(List<SiteDrift> Drifts, int Checked, List<string> Warnings)> CheckSourcesAsync(CancellationToken cancellationToken)
    {
        var drifts = new List<SiteDrift>();
        var warnings = new List<string>();
        var records = new List<PostRecord>();
        await foreach (var record in index.AllAsync(cancellationToken))
        {
            records.Add(record);
        }

        var bySource = records.Where(r => r.Status != PostStatus.Moved).ToLookup(r => r.SourceName, StringComparer.Ordinal);
        var names = new List<string>();
        await foreach (var name in sources.ListAsync(cancellationToken))
        {
            if (SourceNames.IsPost(name))
            {
                names.Add(name);
            }
        }

        // Read several at a time; reported in the listing's order.
        var checkedSources = new (SiteDrift? Drift, IEnumerable<string> Warnings)[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var content = await sources.ReadAsync(names[i], token);
            checkedSources[i] = content is null ? (null, []) : CheckSource(names[i], content, bySource[names[i]].ToList());
        });
        drifts.AddRange(checkedSources.Select(c => c.Drift).OfType<SiteDrift>());
        warnings.AddRange(checkedSources.SelectMany(c => c.Warnings));

        var known = names.ToHashSet(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Status is PostStatus.Published or PostStatus.Scheduled && !known.Contains(r.SourceName)))
        {
            drifts.Add(new SiteDrift(DriftKind.IndexRowWithoutSource, record.Slug, $"its source '{record.SourceName}' is gone"));
        }

        return (drifts, names.Count, warnings);
    }

    /// <summary>One source against its index rows: the drift it shows, if any, and what publishing warned of.</summary>
    private (SiteDrift? Drift, IEnumerable<string> Warnings) CheckSource(string name, byte[] content, List<PostRecord> indexed)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (indexed.Count == 0)
        {
            var parsed = reader.Read(content, name);
            return (parsed.IsValid
                ? new SiteDrift(DriftKind.SourceNotIndexed, name, "the index has no post for this source")
                : new SiteDrift(DriftKind.InvalidSource, name, string.Join("; ", parsed.Problems.Select(p => p.In(name)))), []);
        }

        if (indexed.All(r => r.ContentHash != hash))
        {
            return (new SiteDrift(DriftKind.StaleIndexRow, name, $"the index holds an older version of '{indexed[0].Slug}'"), []);
        }

        // What publishing warned of, for the posts readers see (images not uploaded are drift, reported by the media verifier).
        return indexed.FirstOrDefault(r => r.IsListed) is { } shown && preparer.Prepare(content, name, shown.Slug).Prepared is { } prepared
            ? (null, prepared.Warnings.Where(w => !w.Message.Contains("is not uploaded yet", StringComparison.Ordinal)).Select(w => w.In(name)).ToList())
            : (null, []);
    }

    private async Task RepairSourcesAsync(IEnumerable<SiteDrift> drifts, CancellationToken cancellationToken)
    {
        foreach (var drift in drifts)
        {
            switch (drift.Kind)
            {
                case DriftKind.SourceNotIndexed or DriftKind.StaleIndexRow when await sources.ReadAsync(drift.Subject, cancellationToken) is { } content:
                    await publisher.PublishAsync(PostUpload.FromStoredSource(content, drift.Subject), cancellationToken);
                    break;
                case DriftKind.IndexRowWithoutSource:
                    // Without its source a post cannot be rendered or restored: it comes off the site.
                    await publisher.UnpublishAsync(drift.Subject, cancellationToken);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified the site: {Drifts} drifts (repair: {Repair}); {Files} files, {Sources} sources")]
    private static partial void LogVerified(ILogger logger, int drifts, bool repair, int files, int sources);
}
