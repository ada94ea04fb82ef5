namespace CovalentBond.Publishing.Media;

/// <summary>
/// The images of stored posts: a post's relative references resolve in its source's folder (a page bundle,
/// <c>budget-vote/index.md</c> → <c>budget-vote/photo.jpg</c>), or for a source without a folder in a folder
/// named after its slug (where <c>PUT /api/posts/{slug}/media/{file}</c> puts them); <c>/media/x.png</c> is <c>media/x.png</c>.
/// </summary>
public sealed class StoredMediaCatalog(IReadOnlyDictionary<string, MediaImage> images) : IMediaCatalog
{
    public const string SiteWideFolder = "media";

    public static StoredMediaCatalog Empty { get; } = new(new Dictionary<string, MediaImage>());

    public IMediaResolver ResolverFor(string slug, string? sourceName) => new DictionaryMediaResolver(images, FolderOf(slug, sourceName), SiteWideFolder);

    /// <summary>Where a post's relative image references point in the source container.</summary>
    public static string FolderOf(string slug, string? sourceName)
    {
        var stored = sourceName is null ? null : Pipeline.PostUpload.SourceNameFor(sourceName);
        var folder = stored is null ? string.Empty : Path.GetDirectoryName(stored)?.Replace('\\', '/') ?? string.Empty;
        return folder.Length > 0 ? folder : slug;
    }

    /// <summary>The keys a post's page uses: the body's images and a cover beside the post.</summary>
    public static IReadOnlyList<string> KeysOf(Pipeline.PreparedPost prepared) => KeysOf(prepared.Body, prepared.Post, prepared.Media);

    /// <summary>The keys a post's page uses, from its rendered body and its cover, as <paramref name="media"/> names them.</summary>
    public static IReadOnlyList<string> KeysOf(Rendering.RenderedBody body, Posts.Post post, IMediaResolver media) =>
        body.Images.Concat(post.Image is { } cover && media.KeyOf(cover) is { } key ? [key] : []).Distinct().ToList();

    /// <summary>A hash of the images a post's page shows, or null when none is processed yet.</summary>
    public static string? HashOf(IEnumerable<string> keys, IReadOnlyDictionary<string, MediaImage> images)
    {
        var shown = keys.Where(images.ContainsKey).Order(StringComparer.Ordinal).Select(k => $"{k}={images[k].Hash}").ToList();
        return shown.Count == 0 ? null : ContentHash.OfText(string.Join('\n', shown))[..16];
    }
}
