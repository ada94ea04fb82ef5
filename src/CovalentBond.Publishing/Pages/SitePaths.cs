namespace CovalentBond.Publishing.Pages;

/// <summary>Where each kind of page lives in the site, and how a reader's request maps to a file.</summary>
public static class SitePaths
{
    public const string Home = "index.html";
    public const string NotFound = "404.html";

    public static string Post(string slug) => $"posts/{slug}/index.html";

    public static string PostUrl(string slug) => $"/posts/{slug}/";

    /// <summary>
    /// Maps a request path to the file the static website would serve, the way Azure's static website
    /// does: a path ending in <c>/</c> serves that folder's <c>index.html</c>. Returns null for paths that
    /// try to leave the site.
    /// </summary>
    public static string? FileForRequest(string requestPath)
    {
        var path = Uri.UnescapeDataString(requestPath.Split('?', '#')[0]).TrimStart('/');
        if (path.Split('/').Any(segment => segment is ".." or "." || segment.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }
}
