namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Which frames a post may embed: players and charts from the providers newsrooms use, by host, over HTTPS.
/// YouTube frames are moved to youtube-nocookie.com (no cookies until the reader plays the video). The site can
/// add hosts (<c>Site:EmbedHosts</c>); the Front Door's Content-Security-Policy must allow the same frames
/// (<c>frame-src</c> in infra/main.bicep, checked by a test).
/// </summary>
public sealed class EmbedPolicy
{
    /// <summary>YouTube (privacy-enhanced), Vimeo, CodePen, Datawrapper, Flourish, Infogram.</summary>
    public static readonly IReadOnlyList<string> DefaultHosts =
        ["www.youtube-nocookie.com", "player.vimeo.com", "codepen.io", "datawrapper.dwcdn.net", "flo.uri.sh", "e.infogram.com"];

    public static readonly EmbedPolicy Default = new([]);

    /// <summary>What a kept frame may do: run its player, open the provider in a new tab, go full screen. Not navigate the page.</summary>
    public const string Sandbox = "allow-scripts allow-same-origin allow-popups allow-presentation";

    private static readonly HashSet<string> YouTubeHosts = new(["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "youtube-nocookie.com"], StringComparer.OrdinalIgnoreCase);

    public EmbedPolicy(IEnumerable<string> extraHosts)
    {
        Ordered = DefaultHosts.Concat(extraHosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Hosts = new HashSet<string>(Ordered, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlySet<string> Hosts { get; }

    /// <summary>The hosts, the default providers first, then the site's in the order it lists them (as the CSP names them).</summary>
    public IReadOnlyList<string> Ordered { get; }

    /// <summary>The address the frame is kept with, or null when the page may not load it.</summary>
    public string? Allow(string? src)
    {
        if (src is null || !Uri.TryCreate(src.StartsWith("//", StringComparison.Ordinal) ? "https:" + src : src, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo) || !uri.IsDefaultPort)
        {
            return null;
        }

        if (YouTubeHosts.Contains(uri.Host))
        {
            var id = uri.Host.Equals("youtu.be", StringComparison.OrdinalIgnoreCase) ? uri.AbsolutePath.Trim('/')
                : uri.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal) ? uri.AbsolutePath["/embed/".Length..].Trim('/') : null;
            return id is { Length: > 0 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? $"https://www.youtube-nocookie.com/embed/{id}{uri.Query}"
                : null;
        }

        return Hosts.Contains(uri.Host) ? "https://" + uri.Host + uri.PathAndQuery : null;
    }
}
