using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CovalentBond.Publishing.Pages;
using NetVips;

namespace CovalentBond.Publishing.Media;

/// <summary>An image processed: what pages need of it and the variant files to store.</summary>
public sealed record ProcessedImage(MediaImage Image, IReadOnlyList<SitePage> Variants);

/// <summary>Why an image was refused.</summary>
public sealed class MediaRejectedException(string message) : Exception(message);

/// <summary>
/// Makes an image's variants with libvips, all in memory, before anything is stored: the bytes decide the
/// type; the header is checked against the pixel limit before any pixel is decoded; the EXIF orientation is
/// applied and colours converted to sRGB; all metadata is dropped except a credit and copyright line; each
/// width of the ladder is made in AVIF and WebP with a JPEG fallback (PNG with transparency, GIF when
/// animated), never wider than the original, plus a 1200×630 social card.
/// </summary>
public sealed class ImageProcessor(MediaOptions options)
{
    static ImageProcessor()
    {
        // Each image is processed once: libvips' operation cache would only hold memory.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        // Loaders and savers libvips marks untrusted (ImageMagick, MATLAB, FITS, …) never run on an author's bytes; the
        // loader is also checked against the type the bytes say (LoaderFor).
        global::NetVips.NetVips.BlockUntrusted = true;
        LimitMallocArenas();
    }

    /// <summary>The images this processor (one an instance: a DI singleton, or a build's) works on at once (<see cref="MediaOptions.MaxConcurrentImages"/>).</summary>
    private SemaphoreSlim Gate => LazyInitializer.EnsureInitialized(ref gate, () => new SemaphoreSlim(Math.Max(1, options.MaxConcurrentImages)));

    private SemaphoreSlim? gate;

    private int working;

    /// <summary>The most images this processor has worked on at once, for tests of the limit.</summary>
    internal int PeakConcurrency { get; private set; }

    /// <summary>The part of the loader's name libvips must pick for each kind: the kind the bytes say is the kind decoded.</summary>
    private static string LoaderFor(ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => "Jpeg",
        ImageKind.Png => "Png",
        ImageKind.Gif => "Gif",
        ImageKind.WebP => "Webp",
        ImageKind.Tiff => "Tiff",
        _ => "Heif",
    };

    /// <summary>
    /// glibc gives each thread that allocates its own malloc arena and keeps the arenas' memory: with libvips'
    /// workers and the encoders on every core (measured on 2), that held 420 MB at peak for 10 photos of 12 MP where two arenas
    /// hold 280 MB at the same speed (docs/performance.md). The same as <c>MALLOC_ARENA_MAX=2</c>, set from here
    /// because a Functions host cannot set its own environment before it starts. Linux with glibc only.
    /// </summary>
    private static void LimitMallocArenas()
    {
        const int ArenaMax = -8; // M_ARENA_MAX in malloc.h
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = NativeMethods.mallopt(ArenaMax, 2);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries have no arenas to limit.
        }
    }

    /// <summary>Hands the decoders' and encoders' freed buffers back to the system, so a host's memory falls between images.</summary>
    private static void ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = NativeMethods.malloc_trim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    private static class NativeMethods
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallopt")]
        public static extern int mallopt(int param, int value);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
        public static extern int malloc_trim(nuint pad);
    }

    public MediaOptions Options => options;

    /// <summary>Every image through the colour conversion to sRGB, as before plain sRGB skipped it (tests compare the two).</summary>
    internal bool AlwaysConvertToSrgb { get; init; }

    /// <summary>Processes <paramref name="bytes"/> as the image <paramref name="key"/>.</summary>
    /// <exception cref="MediaRejectedException">The file is not an image the site takes, is too big, or is broken.</exception>
    public ProcessedImage Process(string key, byte[] bytes)
    {
        if (bytes.LongLength > options.MaxUploadBytes)
        {
            throw new MediaRejectedException($"{key}: {bytes.LongLength:N0} bytes is over the limit of {options.MaxUploadBytes:N0} bytes (Media:MaxUploadBytes)");
        }

        var kind = ImageSniffer.Sniff(bytes);
        switch (kind)
        {
            case ImageKind.Unknown:
                throw new MediaRejectedException($"{key}: not an image: its bytes are not JPEG, PNG, GIF, WebP, TIFF, AVIF or HEIC, whatever its name says");
            case ImageKind.Svg:
                throw new MediaRejectedException($"{key}: SVG is not accepted: it is a document that can carry scripts (accepting it through a sanitizer is not built)");
        }

        if (Image.FindLoadBuffer(bytes) is not { } loader || !loader.Contains(LoaderFor(kind), StringComparison.OrdinalIgnoreCase))
        {
            throw new MediaRejectedException($"{key}: its bytes begin as {kind.ToString().ToUpperInvariant()} but do not read as one; upload the image as its program saved it");
        }

        // One image at a time an instance (the wait does not count against its time budget), stopped past its budget.
        Gate.Wait();
        using var budget = new CancellationTokenSource(options.ImageTimeBudget);
        var now = Interlocked.Increment(ref working);
        PeakConcurrency = Math.Max(PeakConcurrency, now);
        try
        {
            return Make(key, bytes, kind, budget.Token);
        }
        catch (Exception ex) when (budget.IsCancellationRequested && ex is OperationCanceledException or VipsException or AggregateException)
        {
            throw new MediaRejectedException($"{key}: processing took longer than {options.ImageTimeBudget.TotalSeconds:N0} s and was stopped (Media:ImageTimeBudget); a smaller image, or fewer frames, will do");
        }
        catch (VipsException ex) when (kind == ImageKind.Heic && ex.Message.Contains("HEVC", StringComparison.Ordinal))
        {
            // The bundled libvips' libheif decodes AV1 (AVIF) only: HEVC, what phones write, is patent-encumbered.
            throw new MediaRejectedException($"{key}: HEIC photos in HEVC cannot be decoded here; export it as JPEG (or AVIF) and upload that");
        }
        catch (VipsException ex)
        {
            throw new MediaRejectedException($"{key}: the {kind.ToString().ToUpperInvariant()} file is corrupt or truncated: {FirstLine(ex.Message)}");
        }
        finally
        {
            Interlocked.Decrement(ref working);
            Gate.Release();
            ReturnFreedMemory();
        }
    }

    private ProcessedImage Make(string key, byte[] bytes, ImageKind kind, CancellationToken budget)
    {
        var animatedKind = kind is ImageKind.Gif or ImageKind.WebP;
        using var header = Image.NewFromBuffer(bytes, animatedKind ? "[n=-1]" : "", access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
        var pages = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
        var frameHeight = animatedKind && header.Contains("page-height") ? (int)header.Get("page-height") : header.Height;
        var animated = animatedKind && pages > 1;
        if (animated && pages > options.MaxFrames)
        {
            throw new MediaRejectedException($"{key}: an animation of {pages:N0} frames is over the limit of {options.MaxFrames:N0} frames (Media:MaxFrames)");
        }

        var pixels = (long)header.Width * frameHeight * (animated ? pages : 1);
        if (pixels > options.MaxPixels)
        {
            throw new MediaRejectedException(
                $"{key}: {header.Width:N0}×{frameHeight:N0}{(animated ? $" × {pages} frames" : "")} is {pixels:N0} pixels, over the limit of {options.MaxPixels:N0} (Media:MaxPixels)");
        }

        var rotated = header.Contains("orientation") && (int)header.Get("orientation") is >= 5 and <= 8;
        var (width, height) = rotated ? (frameHeight, header.Width) : (header.Width, frameHeight);
        var credit = MediaCredit.Read(Blob(header, "xmp-data"), Blob(header, "iptc-data"), ExifText(header, "exif-ifd0-Copyright"));
        var alpha = header.HasAlpha();
        var profile = IsPlainSrgb(header) && !AlwaysConvertToSrgb ? null : "srgb";
        var fallback = animated ? "gif" : alpha ? "png" : "jpg";
        var modern = animated ? new List<string> { "webp" } : options.Avif ? ["avif", "webp"] : ["webp"];
        var widths = options.WidthsFor(width);
        var image = new MediaImage(key, Hash(bytes), Stem(key), width, height, widths, fallback, modern, credit) { Fingerprint = options.Fingerprint };

        // The loader's options: thumbnail's own failOn argument does not reach the loader, its option string does.
        var load = animated ? "[n=-1,fail_on=truncated]" : "[fail_on=truncated]";
        var thumbs = new Dictionary<int, Lazy<Image>>();
        try
        {
            if (animated)
            {
                // Animations are resized frame by frame from the file for each width (thumbnail knows their page height).
                foreach (var w in widths)
                {
                    thumbs[w] = new(() => Strip(Killable(Image.ThumbnailBuffer(bytes, w, load, height: 10_000_000, size: Enums.Size.Down, outputProfile: profile), budget), credit));
                }
            }
            else
            {
                // Decoded once, at the largest width (JPEG shrinks while decoding), and every smaller width made from that.
                var largest = Strip(Killable(Image.ThumbnailBuffer(bytes, widths[^1], load, height: 10_000_000, size: Enums.Size.Down, outputProfile: profile), budget), credit);
                thumbs[widths[^1]] = new(largest);
                foreach (var w in widths.Take(widths.Count - 1))
                {
                    thumbs[w] = new(() => Strip(largest.ThumbnailImage(w, height: 10_000_000, size: Enums.Size.Down), credit));
                }
            }

            // The encoders are the cost. Both cores take jobs as they free up, the dearest first (widest, AVIF),
            // so neither is left with the big ones at the end; the social card is one more job.
            var jobs = widths.Reverse().SelectMany(w => modern.Append(fallback).Select(f => (Width: w, Format: f))).Prepend((Width: 0, Format: "og")).ToList();
            var variants = new SitePage[jobs.Count];
            Parallel.ForEach(
                Partitioner.Create(Enumerable.Range(0, jobs.Count), EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = budget },
                i =>
                {
                    var (w, format) = jobs[i];
                    variants[i] = format == "og"
                        ? new SitePage(image.OpenGraphPath, Card(bytes, animated, profile, thumbs[widths[^1]].Value, credit), "image/jpeg", SitePage.ImmutableCacheControl)
                        : new SitePage(image.VariantPath(w, format), Save(thumbs[w].Value, format, credit), MediaImage.ContentType(format), SitePage.ImmutableCacheControl);
                });

            // Smallest first, the card last.
            return new ProcessedImage(image, variants.Skip(1).Reverse().Append(variants[0]).ToList());
        }
        finally
        {
            foreach (var thumb in thumbs.Values.Where(t => t.IsValueCreated))
            {
                thumb.Value.Dispose();
            }
        }
    }

    /// <summary><paramref name="image"/>, its evaluation stopped by libvips once <paramref name="budget"/> is cancelled (a decode of many frames takes a while).</summary>
    private static Image Killable(Image image, CancellationToken budget)
    {
        budget.ThrowIfCancellationRequested();
        image.SetProgress(null!, budget);
        return image;
    }

    /// <summary>The 1200×630 social card, cropped where the picture's interest is, on white where it was transparent.</summary>
    private byte[] Card(byte[] bytes, bool animated, string? profile, Image largest, MediaCredit credit)
    {
        using var card = Strip(animated
            ? Image.ThumbnailBuffer(bytes, MediaOptions.OpenGraphWidth, "[fail_on=truncated]", height: MediaOptions.OpenGraphHeight, crop: Enums.Interesting.Attention, outputProfile: profile)
            : largest.ThumbnailImage(MediaOptions.OpenGraphWidth, height: MediaOptions.OpenGraphHeight, crop: Enums.Interesting.Attention), credit);
        using var flat = card.HasAlpha() ? card.Flatten(background: [255, 255, 255]) : card.Copy();
        return Save(flat, "jpg", credit);
    }

    /// <summary>
    /// Whether the image is 8-bit RGB (or RGBA) with no colour profile: libvips takes such an image as sRGB, and
    /// converting it to sRGB all the same (out to the profile connection space and back) changes no pixel (the same
    /// bytes come out, a test holds it) for 0.35 s of CPU a 12-megapixel photo. Everything else (an embedded profile,
    /// CMYK, grey, 16 bits) is converted.
    /// </summary>
    private static bool IsPlainSrgb(Image header) =>
        !header.Contains("icc-profile-data") && header.Interpretation == Enums.Interpretation.Srgb
        && header.Format == Enums.BandFormat.Uchar && header.Bands is 3 or 4;

    /// <summary>A copy of <paramref name="image"/> with no metadata but the credit's own XMP packet (if any).</summary>
    private static Image Strip(Image image, MediaCredit credit)
    {
        // The thumbnail is a lazy, sequential pipeline: render it once into memory, as it is saved in several formats.
        using var source = image;
        using (var rendered = source.CopyMemory())
        {
            return rendered.Mutate(m =>
            {
                foreach (var field in rendered.GetFields())
                {
                    if (field.StartsWith("exif", StringComparison.Ordinal) || field is "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation"
                        || field.StartsWith("png-comment", StringComparison.Ordinal) || field.StartsWith("gif-comment", StringComparison.Ordinal)
                        || field is "comment" or "jpeg-comment")
                    {
                        m.Remove(field);
                    }
                }

                if (!credit.IsEmpty)
                {
                    m.Set(GValue.BlobType, "xmp-data", credit.ToXmp());
                }
            });
        }
    }

    private byte[] Save(Image image, string format, MediaCredit credit)
    {
        // Only our XMP packet (credit and copyright) is written; no EXIF, IPTC, ICC or comments.
        var keep = credit.IsEmpty ? Enums.ForeignKeep.None : Enums.ForeignKeep.Xmp;
        var q = Math.Clamp(options.Quality, 1, 100);
        return format switch
        {
            "avif" => image.HeifsaveBuffer(q: Math.Clamp(options.AvifQuality, 1, 100), compression: Enums.ForeignHeifCompression.Av1, effort: Math.Clamp(options.AvifEffort, 0, 9), keep: keep),
            "webp" => image.WebpsaveBuffer(q: q, effort: 2, keep: keep),
            "png" => image.PngsaveBuffer(compression: 6, keep: keep),
            "gif" => image.GifsaveBuffer(keep: keep),
            _ => image.JpegsaveBuffer(q: q, optimizeCoding: true, interlace: true, keep: keep),
        };
    }

    /// <summary>The content hash the variants of <paramref name="bytes"/> are named by, without processing them.</summary>
    public string Hash(byte[] bytes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(options.Fingerprint + "\n"));
        sha.AppendData(bytes);
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>A readable ASCII stem from the file name: <c>Photo Zürich.JPG</c> → <c>photo-zurich</c>.</summary>
    internal static string Stem(string key)
    {
        // By Unicode scalar: an unpaired surrogate (which normalization refuses) becomes U+FFFD first.
        var name = string.Concat(Path.GetFileNameWithoutExtension(key).EnumerateRunes().Select(r => r.ToString())).Normalize(NormalizationForm.FormD);
        var stem = new StringBuilder();
        foreach (var rune in name.ToLowerInvariant().EnumerateRunes())
        {
            if (rune.Value is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                stem.Append((char)rune.Value);
            }
            else if (Rune.GetUnicodeCategory(rune) != System.Globalization.UnicodeCategory.NonSpacingMark && stem.Length > 0 && stem[^1] != '-')
            {
                stem.Append('-');
            }
        }

        var text = stem.ToString().Trim('-');
        return text.Length == 0 ? "image" : text.Length > 40 ? text[..40].TrimEnd('-') : text;
    }

    private static byte[]? Blob(Image image, string field) => image.Contains(field) ? image.Get(field) as byte[] : null;

    /// <summary>An EXIF text field; libvips shows it as <c>value (value, ASCII, n components, n bytes)</c>.</summary>
    private static string? ExifText(Image image, string field)
    {
        if (!image.Contains(field) || image.Get(field) is not string text)
        {
            return null;
        }

        var cut = text.LastIndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? text[..cut] : text;
    }

    /// <summary>libvips' own reason, without its "unable to call" preamble.</summary>
    private static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => !l.StartsWith("unable to call", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? message;
    }
}
