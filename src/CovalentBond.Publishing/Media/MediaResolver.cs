namespace CovalentBond.Publishing.Media;

/// <summary>Finds the processed image an address in a post points at, if it is one of the site's own.</summary>
public interface IMediaResolver
{
    /// <summary>The image <paramref name="url"/> (as written in the post) names, or null for an outside address or one not uploaded.</summary>
    MediaImage? Resolve(string url);

    /// <summary>The media key <paramref name="url"/> would name, or null when it is not one of the site's images.</summary>
    string? KeyOf(string url);
}

/// <summary>The images a set of posts can use: a resolver for each post.</summary>
public interface IMediaCatalog
{
    /// <param name="slug">The post's slug.</param>
    /// <param name="sourceName">The post's source file, when it has one (relative references resolve beside it).</param>
    IMediaResolver ResolverFor(string slug, string? sourceName);
}

/// <summary>How a post's image references become media keys.</summary>
public static class MediaReference
{
    /// <summary>The prefix of site-wide images: <c>/media/logo.png</c> is the key <c>logo.png</c>.</summary>
    public const string SiteWidePrefix = "/media/";

    /// <summary>
    /// The key of the image <paramref name="url"/> names: a file beside the post (<c>photo.jpg</c>,
    /// <c>./img/photo.jpg</c>) is <paramref name="folder"/><c>/photo.jpg</c>; <c>/media/x.png</c> is the site-wide
    /// <c>x.png</c>. Outside addresses, other site paths and anything climbing out with <c>..</c> name no image.
    /// </summary>
    /// <param name="siteWideFolder">Where site-wide images live among the keys (a build keys images by their path in the content folder).</param>
    public static string? KeyOf(string url, string folder, string siteWideFolder = "")
    {
        if (string.IsNullOrEmpty(url) || url.Contains("://", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal)
            || url.Contains('\\') || url.Contains('?') || url.Contains('#') || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || !ImageSniffer.HasImageExtension(url))
        {
            return null;
        }

        string path;
        if (url.StartsWith(SiteWidePrefix, StringComparison.Ordinal))
        {
            path = siteWideFolder.Length == 0 ? url[SiteWidePrefix.Length..] : $"{siteWideFolder.TrimEnd('/')}/{url[SiteWidePrefix.Length..]}";
        }
        else if (url.StartsWith('/'))
        {
            return null;
        }
        else
        {
            var relative = url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url;
            path = folder.Length == 0 ? relative : $"{folder.TrimEnd('/')}/{relative}";
        }

        var segments = Uri.UnescapeDataString(path).Split('/');
        return segments.Any(s => s is "" or "." or "..") ? null : string.Join('/', segments);
    }
}

/// <summary>Resolves against a dictionary of processed images keyed by media key (a build, or images read from the index).</summary>
public sealed class DictionaryMediaResolver(IReadOnlyDictionary<string, MediaImage> images, string folder, string siteWideFolder = "") : IMediaResolver
{
    public MediaImage? Resolve(string url) => KeyOf(url) is { } key && images.TryGetValue(key, out var image) ? image : null;

    public string? KeyOf(string url) => MediaReference.KeyOf(url, folder, siteWideFolder);
}

/// <summary>
/// The images of a build, keyed by their path inside the content folder (<c>night-train/photo.jpg</c>): a post's
/// relative references resolve beside its source file, <c>/media/…</c> in the content folder's <c>media/</c>.
/// </summary>
public sealed class SourceFolderMediaCatalog(IReadOnlyDictionary<string, MediaImage> images, string contentFolder) : IMediaCatalog
{
    /// <summary>A file's path inside the content folder, with '/' separators.</summary>
    public static string KeyOf(string contentFolder, string fileName) =>
        Path.GetRelativePath(contentFolder, fileName).Replace('\\', '/');

    public IMediaResolver ResolverFor(string slug, string? sourceName)
    {
        var folder = sourceName is null ? string.Empty : KeyOf(contentFolder, Path.GetDirectoryName(sourceName) is { Length: > 0 } d ? d : ".");
        return new DictionaryMediaResolver(images, folder == "." ? string.Empty : folder, StoredMediaCatalog.SiteWideFolder);
    }
}

/// <summary>No images uploaded (a preview, or a site that has none yet): the site's own image references are known as such, and none resolves.</summary>
public sealed class NoMedia : IMediaResolver, IMediaCatalog
{
    public static readonly NoMedia Instance = new();

    public MediaImage? Resolve(string url) => null;

    public string? KeyOf(string url) => MediaReference.KeyOf(url, string.Empty, StoredMediaCatalog.SiteWideFolder);

    public IMediaResolver ResolverFor(string slug, string? sourceName) => this;
}
