using System.Text.Json;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Theme;

namespace CovalentBond.Publishing.Republishing;

/// <summary>What the site's pages are rendered with: the theme's files and the site settings, as one hash.</summary>
public static class SiteFingerprint
{
    public static string Of(Theme.Theme theme, SiteOptions site) =>
        ContentHash.OfText(theme.Fingerprint + "\n" + JsonSerializer.Serialize(site))[..32];
}

/// <summary>
/// Starts a full republish when the theme (the <c>theme</c> container) or the site settings differ from
/// what the site was last republished with. Run by a timer; cheap when nothing changed (the theme's
/// files are listed and read, one table row is read).
/// </summary>
public sealed class SiteChangeWatcher(IThemeSource themes, CurrentTheme current, SiteOptions site, IRepublishJobStore jobs, SiteRepublisher republisher)
{
    /// <returns>The republish started, or null when nothing changed.</returns>
    public async Task<RepublishStatus?> CheckAsync(CancellationToken cancellationToken)
    {
        var theme = await themes.LoadAsync(cancellationToken);
        current.Replace(theme);
        var last = await jobs.LastFingerprintAsync(cancellationToken);
        if (last == SiteFingerprint.Of(theme, site))
        {
            return null;
        }

        return await republisher.StartAsync(last is null ? "first check of the theme and settings" : "the theme or the site settings changed", cancellationToken);
    }
}
