using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CovalentBond.Publishing.Media;

namespace CovalentBond.Bench;

/// <summary>
/// Image variants for N photos of about 12 megapixels: libvips (the site's <see cref="ImageProcessor"/>) against
/// ImageMagick making the same variants (the same ladder of widths in AVIF, WebP and JPEG, metadata stripped, plus the
/// 1200×630 card) at the same visual quality: WebP and JPEG at 80 on both sides, AVIF at each side's quality that
/// matches JPEG 80 in SSIM (libvips 74, ImageMagick 80; see <see cref="MediaQuality"/>), in one run, paired and alternating. Each side runs in a child process, one
/// photo after another, each library using both cores as it likes. Usage:
/// <c>dotnet run -c Release --project bench/CovalentBond.Bench -- media [photos=50] [pairs=3] [noavif]</c>; with
/// <c>noavif</c> both sides make WebP and JPEG only, to see the two libraries apart from the AV1 encoder they share.
/// </summary>
internal static class MediaBench
{
    private const string Convert = "/usr/bin/convert-im6.q16";
    private const int Width = 4240;
    private const int Height = 2832;
    private const int DistinctPhotos = 10;

    private static readonly string[] AllFormats = ["avif", "webp", "jpg"];
    private static readonly string[] NoAvifFormats = ["webp", "jpg"];

    private static bool Avif { get; set; } = true;

    /// <summary>The libvips side's <c>Media__AvifEffort</c>: the app's default unless <c>MEDIA_AVIF_EFFORT</c> names another (the child inherits it).</summary>
    private static int Effort => int.TryParse(Environment.GetEnvironmentVariable("MEDIA_AVIF_EFFORT"), CultureInfo.InvariantCulture, out var effort) ? effort : new MediaOptions().AvifEffort;

    public static async Task RunAsync(int photos, int pairs, bool avif = true)
    {
        Avif = avif;
        var folder = Path.Combine(Path.GetTempPath(), "covalent-media-bench");
        var sources = await MakePhotosAsync(folder, photos);
        var ladder = new MediaOptions().Ladder;
        Console.WriteLine($"{photos} photos of {Width}×{Height} ({Width * Height / 1e6:F1} MP), ladder {string.Join(',', ladder)}, {(Avif ? $"AVIF (libvips q74 effort {Effort}, ImageMagick q80) + " : "")}WebP+JPEG q80 + 1200×630 card; {pairs} pairs after a warm-up pair");
        Console.WriteLine();
        Console.WriteLine("| pair | side | wall s | CPU s | wall ms / photo | CPU ms / photo | peak RSS MB | output KB / photo (AVIF, WebP, JPEG) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|");
        var vips = new List<Run>();
        var magick = new List<Run>();
        for (var pair = 0; pair <= pairs; pair++)
        {
            // Alternate which side goes first, so that a drift in the machine's speed falls on both.
            var order = pair % 2 == 0 ? new[] { "libvips", "ImageMagick" } : ["ImageMagick", "libvips"];
            foreach (var side in order)
            {
                var run = side == "libvips" ? await RunVipsAsync(sources) : await RunMagickAsync(sources, ladder);
                Console.WriteLine($"| {(pair == 0 ? "warm-up" : pair.ToString(CultureInfo.InvariantCulture))} | {side} | {run.Wall.TotalSeconds:F1} | {run.Cpu.TotalSeconds:F1} | {run.Wall.TotalMilliseconds / photos:F0} | {run.Cpu.TotalMilliseconds / photos:F0} | {run.PeakMb:F0} | {run.Bytes["avif"] / 1024 / photos:N0}, {run.Bytes["webp"] / 1024 / photos:N0}, {run.Bytes["jpg"] / 1024 / photos:N0} |");
                if (pair > 0)
                {
                    (side == "libvips" ? vips : magick).Add(run);
                }
            }
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var ratios = vips.Zip(magick, (v, m) => m.Wall.TotalSeconds / v.Wall.TotalSeconds).ToList();
        Console.WriteLine();
        Console.WriteLine($"median wall: libvips {Median(vips.Select(r => r.Wall.TotalSeconds)):F1} s, ImageMagick {Median(magick.Select(r => r.Wall.TotalSeconds)):F1} s; " +
            $"ImageMagick / libvips per pair: {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} (median {Median(ratios):F2}×)");
        Console.WriteLine($"median CPU: libvips {Median(vips.Select(r => r.Cpu.TotalSeconds)):F1} s, ImageMagick {Median(magick.Select(r => r.Cpu.TotalSeconds)):F1} s; " +
            $"peak RSS: libvips {vips.Max(r => r.PeakMb):F0} MB, ImageMagick {magick.Max(r => r.PeakMb):F0} MB (largest of any one process)");
    }

    /// <summary>The child process of the libvips side: processes every photo and prints its own peak RSS.</summary>
    public static void RunVipsChild(string[] files)
    {
        var avif = files[0] != "noavif";
        files = files[1..];
        var processor = new ImageProcessor(new MediaOptions { Avif = avif, AvifEffort = Effort });
        var bytes = NoBytes();
        foreach (var file in files)
        {
            var processed = processor.Process(Path.GetFileName(file), File.ReadAllBytes(file));
            foreach (var variant in processed.Variants.Where(v => !v.Path.EndsWith("-og.jpg", StringComparison.Ordinal)))
            {
                bytes[Path.GetExtension(variant.Path).TrimStart('.')] += variant.Content.Length;
            }
        }

        Console.WriteLine($"peak_kb {PeakKb(Environment.ProcessId)} {bytes["avif"]} {bytes["webp"]} {bytes["jpg"]}");
    }

    private sealed record Run(TimeSpan Wall, TimeSpan Cpu, double PeakMb, Dictionary<string, long> Bytes);

    private static Dictionary<string, long> NoBytes() => new() { ["avif"] = 0, ["webp"] = 0, ["jpg"] = 0 };

    private static async Task<Run> RunVipsAsync(IReadOnlyList<string> sources)
    {
        var self = typeof(MediaBench).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(self);
        }

        start.ArgumentList.Add("media-vips");
        start.ArgumentList.Add(Avif ? "avif" : "noavif");
        foreach (var source in sources)
        {
            start.ArgumentList.Add(source);
        }

        var (wall, cpu, output, _) = await TimeAsync(start);
        var parts = output.Split(' ').Skip(1).Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new Run(wall, cpu, parts[0] / 1024.0, new() { ["avif"] = parts[1], ["webp"] = parts[2], ["jpg"] = parts[3] });
    }

    private static async Task<Run> RunMagickAsync(IReadOnlyList<string> sources, IReadOnlyList<int> ladder)
    {
        var outDir = Directory.CreateTempSubdirectory("covalent-im-").FullName;
        var wall = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        long peak = 0;
        var bytes = NoBytes();
        try
        {
            foreach (var source in sources)
            {
                var name = Path.GetFileNameWithoutExtension(source);
                var start = new ProcessStartInfo(Convert) { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var arg in new[] { source, "-auto-orient", "-strip", "-colorspace", "sRGB", "-quality", "80" })
                {
                    start.ArgumentList.Add(arg);
                }

                // The widths the site makes of this photo (MediaOptions.WidthsFor), each from the full image, in the three formats; then the card.
                foreach (var w in new MediaOptions().WidthsFor(Width))
                {
                    var writes = (Avif ? AllFormats : NoAvifFormats).SelectMany(f => new[] { "-write", Path.Combine(outDir, $"{name}-{w}.{f}") });
                    foreach (var arg in new[] { "(", "+clone", "-resize", $"{w}x" }.Concat(writes).Concat(["+delete", ")"]))
                    {
                        start.ArgumentList.Add(arg);
                    }
                }

                foreach (var arg in new[] { "(", "+clone", "-resize", "1200x630^", "-gravity", "center", "-extent", "1200x630", "-write", Path.Combine(outDir, $"{name}-og.jpg"), "+delete", ")", "null:" })
                {
                    start.ArgumentList.Add(arg);
                }

                var (w1, c1, _, p1) = await TimeAsync(start);
                wall += w1;
                cpu += c1;
                peak = Math.Max(peak, p1);
                foreach (var file in Directory.EnumerateFiles(outDir).Where(f => !f.EndsWith("-og.jpg", StringComparison.Ordinal)))
                {
                    bytes[Path.GetExtension(file).TrimStart('.')] += new FileInfo(file).Length;
                    File.Delete(file);
                }
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }

        return new Run(wall, cpu, peak / 1024.0, bytes);
    }

    /// <summary>Runs a child to its end: wall time, its CPU time (getrusage of reaped children), its output and its peak RSS as polled.</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu, string Output, long PeakKb)> TimeAsync(ProcessStartInfo start)
    {
        var before = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakKb(process.Id));
            await Task.Delay(5);
        }

        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} exited with {process.ExitCode}");
        }

        return (wall, ChildrenCpu() - before, (await output).Trim(), peak);
    }

    private static long PeakKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Ten distinct 12 MP camera-like JPEGs (made once, kept in the temp folder), each used photos/10 times.</summary>
    private static async Task<IReadOnlyList<string>> MakePhotosAsync(string folder, int photos)
    {
        Directory.CreateDirectory(folder);
        var distinct = new List<string>();
        for (var i = 0; i < DistinctPhotos; i++)
        {
            var path = Path.Combine(folder, $"photo{i}.jpg");
            if (!File.Exists(path))
            {
                var start = new ProcessStartInfo(Convert) { UseShellExecute = false };
                foreach (var arg in new[] { "-seed", (i + 1).ToString(CultureInfo.InvariantCulture), "-size", "1060x708", "plasma:fractal", "-resize", $"{Width}x{Height}!", "-attenuate", "0.4", "+noise", "Gaussian", "-quality", "90", path })
                {
                    start.ArgumentList.Add(arg);
                }

                using var process = Process.Start(start)!;
                await process.WaitForExitAsync();
            }

            distinct.Add(path);
        }

        return Enumerable.Range(0, photos).Select(i => distinct[i % DistinctPhotos]).ToList();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    private static TimeSpan ChildrenCpu()
    {
        const int RUsageChildren = -1;
        if (getrusage(RUsageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: {Marshal.GetLastPInvokeError()}");
        }

        return TimeSpan.FromSeconds(usage.UserSeconds + usage.SystemSeconds) + TimeSpan.FromMicroseconds(usage.UserMicroseconds + usage.SystemMicroseconds);
    }
}
