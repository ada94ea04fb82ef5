namespace CovalentBond.Publishing.Media;

/// <summary>
/// What the site knows of its processed images: each image by key, and which posts use which image, so that a
/// page first rendered without its image is brought up to date when the image arrives.
/// </summary>
public interface IMediaIndex
{
    /// <summary>The images among <paramref name="keys"/> that have been processed (the others are absent).</summary>
    Task<IReadOnlyDictionary<string, MediaImage>> GetManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken);

    Task SaveAsync(MediaImage image, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="slug"/> now uses exactly <paramref name="keys"/> (uses it dropped are forgotten).</summary>
    Task SetUsesAsync(string slug, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>The slugs of the posts that use the image <paramref name="key"/>.</summary>
    Task<IReadOnlyList<string>> UsersAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every post's image keys. A scan: for verification.</summary>
    IAsyncEnumerable<(string Slug, IReadOnlyList<string> Keys)> AllUsesAsync(CancellationToken cancellationToken);

    /// <summary>Every processed image. A scan: for verification.</summary>
    IAsyncEnumerable<MediaImage> ListAsync(CancellationToken cancellationToken);
}

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
