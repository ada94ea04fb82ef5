using CovalentBond.Publishing.Media;

namespace CovalentBond.Publishing.Ports;

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
