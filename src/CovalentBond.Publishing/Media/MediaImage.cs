namespace CovalentBond.Publishing.Media;

/// <summary>
/// A processed image as pages need it: its size after orientation, the variants made of it and the credit to
/// show. The variants' addresses follow from <see cref="Hash"/>, so a page can be rendered from this alone.
/// </summary>
/// <param name="Key">Where the image belongs: <c>{post slug}/{file}</c> beside a post, or <c>{path}</c> site-wide (under <c>/media/</c>).</param>
/// <param name="Hash">The content hash (source bytes and <see cref="MediaOptions.Fingerprint"/>) that names the variants.</param>
/// <param name="Stem">A readable file name stem for the variants (ASCII).</param>
/// <param name="Widths">The widths of the variants, smallest first.</param>
/// <param name="Fallback">The format every browser shows: <c>jpg</c>, <c>png</c> (transparency) or <c>gif</c> (animation).</param>
/// <param name="Modern">The better formats offered first, in order of preference: <c>avif</c>, <c>webp</c>.</param>
public sealed record MediaImage(
    string Key,
    string Hash,
    string Stem,
    int Width,
    int Height,
    IReadOnlyList<int> Widths,
    string Fallback,
    IReadOnlyList<string> Modern,
    MediaCredit Credit)
{
    /// <summary>The <see cref="MediaOptions.Fingerprint"/> the variants were made under; verify makes them again when the settings changed.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The site path of the variant <paramref name="width"/> wide in <paramref name="format"/>.</summary>
    public string VariantPath(int width, string format) => $"media/{Hash}/{Stem}-{width}.{format}";

    /// <summary>The social card (1200×630 JPEG).</summary>
    public string OpenGraphPath => $"media/{Hash}/{Stem}-og.jpg";

    /// <summary>The height of the variant <paramref name="width"/> wide (aspect kept).</summary>
    public int HeightAt(int width) => Math.Max(1, (int)Math.Round(Height * (double)width / Width));

    /// <summary>Every path of a variant of this image.</summary>
    public IEnumerable<string> VariantPaths() =>
        Modern.Append(Fallback).SelectMany(f => Widths.Select(w => VariantPath(w, f))).Append(OpenGraphPath);

    public static string ContentType(string format) => format switch
    {
        "avif" => "image/avif",
        "webp" => "image/webp",
        "png" => "image/png",
        "gif" => "image/gif",
        _ => "image/jpeg",
    };
}
