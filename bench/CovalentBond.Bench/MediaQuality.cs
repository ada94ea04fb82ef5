using System.Diagnostics;
using System.Globalization;
using NetVips;

namespace CovalentBond.Bench;

/// <summary>
/// What "quality 80" means on each side of the media benchmark: both encoders are given the same 1920 px
/// image (made once, kept losslessly as PNG), each file they write is decoded by libvips and compared with
/// that image (SSIM on luma, Gaussian window σ 1.5, as Wang et al.), next to its size. Usage:
/// <c>dotnet run -c Release --project bench/CovalentBond.Bench -- media-quality [photos=3]</c> (after
/// <c>media</c> has made the bench photos).
/// </summary>
internal static class MediaQuality
{
    private const string Convert = "/usr/bin/convert-im6.q16";

    /// <param name="smooth">Instead of the bench photos (grainy: noise is the hardest content to compress), smooth
    /// images with sharp-edged lettering, where blocking and ringing show.</param>
    public static async Task RunAsync(int photos, bool smooth)
    {
        var folder = Path.Combine(Path.GetTempPath(), "covalent-media-bench");
        var work = Path.Combine(folder, "quality");
        Directory.CreateDirectory(work);
        var encodings = new List<(string Side, string Format, int Q, int Effort)>();
        foreach (var q in new[] { 60, 65, 70, 74, 80, 85 })
        {
            encodings.Add(("libvips", "avif", q, 2));
        }

        // Faster AV1 encoder efforts, at the qualities near the same SSIM.
        foreach (var effort in new[] { 0, 1 })
        {
            foreach (var q in new[] { 70, 74, 78 })
            {
                encodings.Add(("libvips", "avif", q, effort));
            }
        }

        foreach (var q in new[] { 70, 80, 90 })
        {
            encodings.Add(("ImageMagick", "avif", q, -1));
        }

        foreach (var side in new[] { "libvips", "ImageMagick" })
        {
            encodings.Add((side, "webp", 80, side == "libvips" ? 2 : -1));
            encodings.Add((side, "jpg", 80, -1));
        }

        var results = encodings.ToDictionary(e => e, _ => new List<(double Ssim, long Bytes, double Ms)>());
        var sources = Enumerable.Range(0, photos).Select(i => Path.Combine(folder, $"photo{i}.jpg")).ToList();
        if (smooth)
        {
            sources = [];
            for (var i = 0; i < photos; i++)
            {
                sources.Add(await MakeSmoothAsync(work, i));
            }
        }

        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var reference = Path.Combine(work, $"ref{i}.png");
            using (var full = Image.NewFromFile(source, access: Enums.Access.Sequential))
            using (var resized = full.Resize(1920.0 / full.Width, kernel: Enums.Kernel.Lanczos3))
            {
                resized.Pngsave(reference, compression: 1);
            }

            using var refImage = Image.NewFromFile(reference);
            foreach (var encoding in encodings)
            {
                var (bytes, ms) = encoding.Side == "libvips"
                    ? EncodeVips(refImage, encoding.Format, encoding.Q, encoding.Effort)
                    : await EncodeMagickAsync(reference, Path.Combine(work, $"im{i}-{encoding.Q}.{encoding.Format}"), encoding.Q);
                using var decoded = Image.NewFromBuffer(bytes);
                results[encoding].Add((Ssim(refImage, decoded), bytes.Length, ms));
            }
        }

        Console.WriteLine($"{photos} {(smooth ? "smooth lettered images" : "bench photos")}, each resized once to 1920 px by libvips (Lanczos 3) and kept as PNG; every file decoded by libvips");
        Console.WriteLine();
        Console.WriteLine("| format | encoder | quality | effort | SSIM (mean) | KB (mean) | encode ms (mean) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var ((side, format, q, effort), list) in results)
        {
            var ms = side == "libvips" ? list.Average(r => r.Ms).ToString("F0", CultureInfo.InvariantCulture) : $"({list.Average(r => r.Ms):F0}, whole process)";
            Console.WriteLine($"| {format} | {side} | {q} | {(effort < 0 ? "" : effort)} | {list.Average(r => r.Ssim):F4} | {list.Average(r => r.Bytes) / 1024:F0} | {ms} |");
        }
    }

    private static async Task<string> MakeSmoothAsync(string work, int i)
    {
        var path = Path.Combine(work, $"smooth{i}.jpg");
        if (!File.Exists(path))
        {
            var start = new ProcessStartInfo(Convert) { UseShellExecute = false };
            foreach (var arg in new[]
            {
                "-seed", (i + 1).ToString(CultureInfo.InvariantCulture), "-size", "1060x708", "plasma:fractal", "-blur", "0x6", "-resize", "4240x2832!",
                "-fill", "white", "-stroke", "black", "-strokewidth", "3", "-pointsize", "220", "-gravity", "center", "-annotate", "0", "NIGHT TRAIN 23:40",
                "-quality", "95", path,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
        }

        return path;
    }

    private static (byte[] Bytes, double Ms) EncodeVips(Image image, string format, int q, int effort)
    {
        // The settings ImageProcessor.Save uses, with the quality (and the AVIF effort) varied.
        var clock = Stopwatch.StartNew();
        var bytes = format switch
        {
            "avif" => image.HeifsaveBuffer(q: q, compression: Enums.ForeignHeifCompression.Av1, effort: effort, keep: Enums.ForeignKeep.None),
            "webp" => image.WebpsaveBuffer(q: q, effort: 2, keep: Enums.ForeignKeep.None),
            _ => image.JpegsaveBuffer(q: q, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
        };
        return (bytes, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<(byte[] Bytes, double Ms)> EncodeMagickAsync(string reference, string output, int q)
    {
        var start = new ProcessStartInfo(Convert) { UseShellExecute = false };
        foreach (var arg in new[] { reference, "-strip", "-quality", q.ToString(CultureInfo.InvariantCulture), output })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return (await File.ReadAllBytesAsync(output), clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Mean SSIM of the two images' luma (BT.601 weights), with the usual constants for 8-bit samples.</summary>
    private static double Ssim(Image reference, Image test)
    {
        const double C1 = 6.5025;  // (0.01 × 255)²
        const double C2 = 58.5225; // (0.03 × 255)²
        using var x = Luma(reference);
        using var y = Luma(test);
        using var mx = Blur(x);
        using var my = Blur(y);
        using var xx = x * x;
        using var yy = y * y;
        using var xy = x * y;
        using var bxx = Blur(xx);
        using var byy = Blur(yy);
        using var bxy = Blur(xy);
        using var mxmy = mx * my;
        using var mx2 = mx * mx;
        using var my2 = my * my;
        using var sx = bxx - mx2;
        using var sy = byy - my2;
        using var sxy = bxy - mxmy;
        using var numerator = ((mxmy * 2) + C1) * ((sxy * 2) + C2);
        using var denominator = (mx2 + my2 + C1) * (sx + sy + C2);
        using var map = numerator / denominator;
        return map.Avg();

        static Image Blur(Image image) => image.Gaussblur(1.5, precision: Enums.Precision.Float);

        static Image Luma(Image image)
        {
            using var rgb = image.Colourspace(Enums.Interpretation.Srgb);
            using var flat = rgb.HasAlpha() ? rgb.Flatten() : rgb.Copy();
            using var floats = flat.Cast(Enums.BandFormat.Float);
            return (floats[0] * 0.299) + (floats[1] * 0.587) + (floats[2] * 0.114);
        }
    }
}
