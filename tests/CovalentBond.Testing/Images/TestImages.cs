using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CovalentBond.Testing.Images;

/// <summary>
/// Real image files made for the tests by real tools: ImageMagick (Debian's <c>imagemagick</c>, called by its
/// full path because some machines put a stand-in <c>convert</c> earlier on the PATH) and <c>exiftool</c>
/// (<c>libimage-exiftool-perl</c>). scripts/test.sh installs both.
/// </summary>
public sealed class TestImages : IDisposable
{
    public static readonly string Convert = File.Exists("/usr/bin/convert-im6.q16") ? "/usr/bin/convert-im6.q16" : "/usr/bin/convert";
    public static readonly string Identify = File.Exists("/usr/bin/identify-im6.q16") ? "/usr/bin/identify-im6.q16" : "/usr/bin/identify";
    public const string ExifTool = "exiftool";

    public string Folder { get; } = Directory.CreateTempSubdirectory("covalent-images-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var result = await ExternalTool.RunAsync(tool, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({result.ExitCode}): {result.Error}");
        }

        return result.Output;
    }

    /// <summary>
    /// A camera photo: <paramref name="width"/>×<paramref name="height"/> stored pixels, the left half blue and the
    /// right half red, with GPS position, camera make, model, serial, owner, Orientation=6 (shown turned a quarter
    /// clockwise, so the blue half is on top) and a credit and copyright line.
    /// </summary>
    public async Task<byte[]> CameraJpegAsync(int width = 1600, int height = 1200, string name = "camera.jpg")
    {
        var path = Path.Combine(Folder, name);
        await RunAsync(Convert, "-size", $"{width}x{height}", "xc:red", "-fill", "blue", "-draw", $"rectangle 0,0 {width / 2 - 1},{height - 1}", "-quality", "90", path);
        await RunAsync(ExifTool, "-overwrite_original", "-n",
            "-GPSLatitude=44.8125", "-GPSLatitudeRef=N", "-GPSLongitude=20.4612", "-GPSLongitudeRef=E", "-GPSAltitude=117",
            "-Make=Canon", "-Model=Canon EOS R5", "-SerialNumber=032021001234", "-OwnerName=Jana Reporter", "-Artist=Jana Reporter",
            "-Orientation=6", "-Copyright=© 2026 Covalent Bond", "-XMP-photoshop:Credit=Jana Reporter / Covalent Bond",
            "-IPTC:City=Beograd", "-XMP-dc:Creator=Jana Reporter", path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>A PNG with a transparent background and an opaque red disc.</summary>
    public async Task<byte[]> TransparentPngAsync(string name = "logo.png")
    {
        var path = Path.Combine(Folder, name);
        await RunAsync(Convert, "-size", "800x600", "xc:none", "-fill", "red", "-draw", "circle 400,300 400,100", path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>A three-frame animated GIF, 400×200.</summary>
    public async Task<byte[]> AnimatedGifAsync(string name = "anim.gif")
    {
        var path = Path.Combine(Folder, name);
        await RunAsync(Convert, "-delay", "20", "-size", "400x200", "xc:red", "xc:blue", "xc:green", "-loop", "0", path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>
    /// An animated GIF of <paramref name="frames"/> frames of one pixel: far under the pixel limit, a great deal of work for
    /// every variant. Written byte by byte (ImageMagick takes minutes for a thousand frames): the smallest valid frame is a
    /// graphic control extension, an image descriptor and three LZW codes (clear, 0, end).
    /// </summary>
    public static byte[] ManyFramesGif(int frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write([2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF]); // 2×2 screen, a two-colour table
        gif.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]); // loop for ever
        for (var i = 0; i < frames; i++)
        {
            gif.Write([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // 0.1 s
            gif.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // 1×1 at the corner
            gif.Write([2, 2, 0x44, 0x01, 0]);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>A CMYK JPEG (as print desks send them), 1000×700.</summary>
    public async Task<byte[]> CmykJpegAsync(string name = "print.jpg")
    {
        var path = Path.Combine(Folder, name);
        await RunAsync(Convert, "-size", "1000x700", "gradient:cyan-yellow", "-colorspace", "CMYK", path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>A HEIC photo (HEVC), as phones write them.</summary>
    public async Task<byte[]> HeicAsync(string name = "phone.heic")
    {
        var path = Path.Combine(Folder, name);
        await RunAsync(Convert, "-size", "400x300", "xc:orange", path);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>
    /// A decompression bomb: a valid 1-bit grayscale PNG of <paramref name="side"/>×<paramref name="side"/> white
    /// pixels whose zeros compress to a few hundred kilobytes (made here: ImageMagick would need gigabytes for it).
    /// </summary>
    public static byte[] BombPng(int side = 30_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, side);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), side);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // grayscale
        Chunk(png, "IHDR", ihdr);
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (side + 7) / 8];
            for (var y = 0; y < side; y++)
            {
                z.Write(row);
            }
        }

        Chunk(png, "IDAT", deflated.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    /// <summary>The CRC-32 PNG chunks end with (ISO 3309, as zlib computes it).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>An SVG with a script in it.</summary>
    public static byte[] ScriptSvg() =>
        Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><script>alert(document.cookie)</script><rect width=\"100\" height=\"100\"/></svg>");

    /// <summary>An HTML page someone named <c>photo.jpg</c>.</summary>
    public static byte[] HtmlNamedJpg() =>
        Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(1)</script><h1>not a photo</h1></body></html>");

    /// <summary>Every tag exiftool reads from a file, as group:name → value (<c>-G1 -a -j</c>).</summary>
    public async Task<Dictionary<string, string>> TagsAsync(byte[] file, string extension)
    {
        var path = Path.Combine(Folder, $"probe-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, file);
        try
        {
            var json = await RunAsync(ExifTool, "-j", "-G1", "-a", "-n", path);
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement[0].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What ImageMagick's identify says of a file: a format string per frame (e.g. <c>%w %h %[colorspace] %A</c>).</summary>
    public async Task<string[]> IdentifyAsync(byte[] file, string extension, string format)
    {
        var path = Path.Combine(Folder, $"probe-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, file);
        try
        {
            return (await RunAsync(Identify, "-format", format + "\n", path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The colour of one pixel as ImageMagick reads it (<c>srgb(r,g,b)</c>).</summary>
    public async Task<(int R, int G, int B)> PixelAsync(byte[] file, string extension, int x, int y)
    {
        var path = Path.Combine(Folder, $"probe-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, file);
        try
        {
            var text = await RunAsync(Convert, path + "[0]", "-colorspace", "sRGB", "-depth", "8", "-crop", $"1x1+{x}+{y}", "-format", "%[fx:int(255*r)],%[fx:int(255*g)],%[fx:int(255*b)]", "info:");
            var parts = text.Trim().Split(',').Select(int.Parse).ToArray();
            return (parts[0], parts[1], parts[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
