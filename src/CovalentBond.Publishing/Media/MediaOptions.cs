namespace CovalentBond.Publishing.Media;

/// <summary>
/// How images are accepted and which variants are made of them. Bound from the <c>Media</c> configuration
/// section (<c>Media__MaxUploadBytes</c>, <c>Media__Widths__0</c>, …).
/// </summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>The largest image accepted, in bytes, checked before the image is read whole. Default 40 MB.</summary>
    public long MaxUploadBytes { get; set; } = 40L * 1024 * 1024;

    /// <summary>The most pixels an image may decode to (all frames of an animation together): a guard against decompression bombs. Default 100 megapixels.</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>
    /// The most frames an animation may have. The pixel limit counts every frame, but an animation of a great many tiny
    /// frames stays under it while every variant decodes, resizes and encodes each frame: 500,000 frames of 2×2 pixels
    /// is 2 megapixels. Default 1,000 (40 seconds at 25 frames a second).
    /// </summary>
    public int MaxFrames { get; set; } = 1_000;

    /// <summary>
    /// How many images one instance processes at once; more wait their turn. Each image already uses every core for its
    /// encoders, so a second one at the same time only shares them and doubles the memory. Default: half the cores, at least 1 (as `covalent build` processes them).
    /// </summary>
    public int MaxConcurrentImages { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// The wall time one image's processing may take before it is stopped and refused, waiting for its turn not counted.
    /// A 12-megapixel photo takes about 0.3 s here and the slowest accepted animations a few seconds: 60 s is a wide margin
    /// under the Functions timeout that still stops an image built to keep an instance busy.
    /// </summary>
    public TimeSpan ImageTimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The ladder used when <see cref="Widths"/> is empty.</summary>
    public static readonly IReadOnlyList<int> DefaultWidths = [320, 640, 960, 1280, 1920];

    /// <summary>
    /// The ladder of variant widths, in pixels (empty: <see cref="DefaultWidths"/>; a default list here would have the
    /// configuration binder append the configured widths to it). No variant is wider than its original; the original's
    /// own width is added when it falls inside the ladder.
    /// </summary>
    public List<int> Widths { get; set; } = [];

    /// <summary>The ladder in use, smallest first.</summary>
    public IReadOnlyList<int> Ladder => (Widths.Count > 0 ? Widths : DefaultWidths).Where(w => w > 0).Distinct().Order().ToList();

    /// <summary>Whether AVIF variants are made beside WebP and the JPEG/PNG fallback. AVIF is the smallest and the slowest to encode.</summary>
    public bool Avif { get; set; } = true;

    /// <summary>JPEG and WebP quality (1–100).</summary>
    public int Quality { get; set; } = 80;

    /// <summary>
    /// AVIF quality (1–100). Its own setting because libheif's AVIF scale is not the JPEG one: measured by SSIM against
    /// the same 1920 px image (bench <c>media-quality</c>, docs/performance.md#images), AVIF at 74 looks at least as good
    /// as JPEG at 80 and as ImageMagick's AVIF at 80, in fewer bytes than either; at 80 it is 40% larger for little more.
    /// </summary>
    public int AvifQuality { get; set; } = 74;

    /// <summary>
    /// The AV1 encoder's effort for AVIF (0–9, libvips' scale; libaom's speed is 9 minus it). 2 by default: on photos,
    /// effort 1 or 0 encodes about four times faster at the same SSIM and size, but on smooth images (graphics,
    /// lettering) it needs 35–45% more bytes for the same SSIM (docs/performance.md#equal-quality). A site whose images
    /// are mostly camera photos may choose speed here; the choice is the site owner's.
    /// </summary>
    public int AvifEffort { get; set; } = 2;

    /// <summary>
    /// SVG is refused: it is a document that can carry scripts. Accepting it through a sanitizer is not built;
    /// this setting exists so that the refusal says so, and it must stay false.
    /// </summary>
    public bool AllowSvg { get; set; }

    /// <summary>The widths of the variants of an image <paramref name="originalWidth"/> pixels wide, smallest first.</summary>
    public IReadOnlyList<int> WidthsFor(int originalWidth)
    {
        var ladder = Ladder;
        var widths = ladder.Where(w => w < originalWidth).ToList();
        if (ladder.Count == 0 || originalWidth <= ladder[^1])
        {
            widths.Add(originalWidth);
        }

        return widths.Count > 0 ? widths : [Math.Min(originalWidth, ladder.Count > 0 ? ladder[^1] : originalWidth)];
    }

    /// <summary>
    /// A fingerprint of everything that shapes the variants (ladder, formats, quality, and the version of how they
    /// are made): it is part of every variant's name, so changing these makes new names, and nothing else does.
    /// </summary>
    public string Fingerprint =>
        $"v1;w={string.Join(',', Ladder)};avif={Avif};q={Quality};aq={AvifQuality};og={OpenGraphWidth}x{OpenGraphHeight}"
        + (Math.Clamp(AvifEffort, 0, 9) == 2 ? string.Empty : $";ae={Math.Clamp(AvifEffort, 0, 9)}"); // the default names variants as before the setting

    /// <summary>The social card image (<c>og:image</c>): 1200×630, cropped to fill.</summary>
    public const int OpenGraphWidth = 1200;

    public const int OpenGraphHeight = 630;
}
