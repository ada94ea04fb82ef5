using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Verifying;

/// <summary>What checking the images found, and which files under <c>media/</c> nothing accounts for.</summary>
public sealed record MediaCheck(IReadOnlyList<SiteDrift> Drifts, IReadOnlyList<string> Orphans);

/// <summary>
/// Images against the site and the posts: every variant of every processed image is on the site, every file
/// under <c>media/</c> is a variant of one, and every image a post names was uploaded and processed. Repair
/// makes an image's variants again from its original in the <c>posts</c> container (never from nothing).
/// </summary>
public sealed class MediaVerifier(IMediaIndex media, ISourceStore sources, MediaPublisher publisher)
{
    public const string MediaFolder = "media/";

    /// <param name="mediaFiles">The site's files under <c>media/</c>.</param>
    public async Task<MediaCheck> CheckAsync(IReadOnlySet<string> mediaFiles, CancellationToken cancellationToken)
    {
        var drifts = new List<SiteDrift>();
        var images = new Dictionary<string, MediaImage>(StringComparer.Ordinal);
        var accounted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var image in media.ListAsync(cancellationToken))
        {
            images[image.Key] = image;
            var paths = image.VariantPaths().ToList();
            accounted.UnionWith(paths);
            var missing = paths.Where(p => !mediaFiles.Contains(p)).ToList();
            if (image.Fingerprint is { } made && made != publisher.Options.Fingerprint)
            {
                drifts.Add(new SiteDrift(DriftKind.VariantsOutdated, image.Key, $"made under '{made}', the settings are now '{publisher.Options.Fingerprint}'"));
            }
            else if (missing.Count > 0)
            {
                drifts.Add(new SiteDrift(DriftKind.VariantMissing, image.Key, $"{missing.Count} of {paths.Count} variants are not on the site, such as {missing[0]}"));
            }
        }

        var orphans = mediaFiles.Where(f => !accounted.Contains(f)).Order(StringComparer.Ordinal).ToList();
        drifts.AddRange(orphans.Select(f => new SiteDrift(DriftKind.OrphanPage, f, "an image variant no image of the media index has")));

        var reported = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (slug, keys) in media.AllUsesAsync(cancellationToken))
        {
            foreach (var key in keys.Where(k => !images.ContainsKey(k) && reported.Add(k)))
            {
                drifts.Add(await sources.ReadAsync(key, cancellationToken) is not null
                    ? new SiteDrift(DriftKind.ImageUnprocessed, key, $"uploaded but never processed; '{slug}' shows it")
                    : new SiteDrift(DriftKind.ImageNotUploaded, key, $"'{slug}' names it, and it was never uploaded"));
            }
        }

        return new MediaCheck(drifts, orphans);
    }

    /// <summary>Makes again, from their originals, the images whose variants are missing or that were never processed.</summary>
    public async Task RepairAsync(IEnumerable<SiteDrift> drifts, CancellationToken cancellationToken)
    {
        foreach (var drift in drifts.Where(d => d.Kind is DriftKind.VariantMissing or DriftKind.ImageUnprocessed or DriftKind.VariantsOutdated))
        {
            if (await sources.ReadAsync(drift.Subject, cancellationToken) is { } original)
            {
                await publisher.PublishAsync(drift.Subject, original, sourceAlreadyStored: true, regenerate: true, cancellationToken);
            }
        }
    }
}
