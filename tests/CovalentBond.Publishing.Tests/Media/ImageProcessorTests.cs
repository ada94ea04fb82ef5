using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Testing.Images;

namespace CovalentBond.Publishing.Tests.Media;

/// <summary>Real files made by ImageMagick and exiftool, processed by libvips, checked by the same tools.</summary>
[Trait("Category", "Tools")]
public sealed class ImageProcessorTests : IDisposable
{
    private static readonly string[] CameraTags = ["Make", "Model", "SerialNumber", "OwnerName", "Artist", "City", "Creator", "Orientation", "InternalSerialNumber", "LensSerialNumber", "CameraSerialNumber"];

    private readonly TestImages images = new();
    private readonly ImageProcessor processor = new(new MediaOptions());

    public void Dispose() => images.Dispose();

    [Fact]
    public async Task A_camera_photo_loses_its_position_and_camera_but_keeps_its_credit_and_is_turned_upright()
    {
        var processed = processor.Process("budget-vote/camera.jpg", await images.CameraJpegAsync());

        // Orientation 6: stored 1600×1200, shown 1200×1600.
        Assert.Equal((1200, 1600), (processed.Image.Width, processed.Image.Height));
        Assert.Equal("Jana Reporter / Covalent Bond", processed.Image.Credit.Credit);
        Assert.Equal("© 2026 Covalent Bond", processed.Image.Credit.Copyright);
        foreach (var variant in processed.Variants)
        {
            var tags = await images.TagsAsync(variant.Content, Path.GetExtension(variant.Path).TrimStart('.'));
            var leaked = tags.Keys.Where(k => k.Contains(":GPS", StringComparison.Ordinal) || CameraTags.Contains(k[(k.IndexOf(':') + 1)..])).ToList();
            Assert.True(leaked.Count == 0, $"{variant.Path} carries {string.Join(", ", leaked.Select(k => $"{k}={tags[k]}"))}");
            Assert.Contains(tags, t => t.Key.EndsWith(":Credit", StringComparison.Ordinal) && t.Value == "Jana Reporter / Covalent Bond");
            Assert.Contains(tags, t => t.Key.EndsWith(":Rights", StringComparison.Ordinal) && t.Value == "© 2026 Covalent Bond");
        }

        // Turned upright: the stored left half (blue) is now on top, the right half (red) below.
        var jpeg = processed.Variants.Single(v => v.Path.EndsWith("-640.jpg", StringComparison.Ordinal)).Content;
        var (tr, _, tb) = await images.PixelAsync(jpeg, "jpg", 320, 100);
        var (br, _, bb) = await images.PixelAsync(jpeg, "jpg", 320, 750);
        Assert.True(tb > 200 && tr < 60, $"top pixel is rgb({tr},_,{tb}), not blue");
        Assert.True(br > 200 && bb < 60, $"bottom pixel is rgb({br},_,{bb}), not red");
    }

    [Fact]
    public async Task Variants_follow_the_ladder_in_the_documented_formats_and_none_is_wider_than_the_original()
    {
        var processed = processor.Process("budget-vote/camera.jpg", await images.CameraJpegAsync());

        Assert.Equal([320, 640, 960, 1200], processed.Image.Widths);
        Assert.Equal(["avif", "webp"], processed.Image.Modern);
        Assert.Equal("jpg", processed.Image.Fallback);
        foreach (var variant in processed.Variants.Where(v => !v.Path.EndsWith("-og.jpg", StringComparison.Ordinal)))
        {
            var extension = Path.GetExtension(variant.Path).TrimStart('.');
            var identified = Assert.Single(await images.IdentifyAsync(variant.Content, extension, "%m %w %h"));
            var parts = identified.Split(' ');
            var width = int.Parse(parts[1]);
            Assert.True(width <= 1200, $"{variant.Path} is {width} px wide");
            Assert.EndsWith($"-{width}.{extension}", variant.Path);
            Assert.Equal(processed.Image.HeightAt(width), int.Parse(parts[2]));
            Assert.Equal(extension switch { "avif" => "AVIF", "webp" => "WEBP", _ => "JPEG" }, parts[0] == "HEIC" ? "AVIF" : parts[0]);
            Assert.StartsWith($"media/{processed.Image.Hash}/camera-", variant.Path);
            Assert.Equal(SitePage.ImmutableCacheControl, variant.CacheControl);
        }

        var card = processed.Variants.Single(v => v.Path == processed.Image.OpenGraphPath);
        Assert.Equal("1200 630", Assert.Single(await images.IdentifyAsync(card.Content, "jpg", "%w %h")));
    }

    [Fact]
    public async Task A_faster_avif_effort_is_the_site_owner_s_choice_and_names_new_variants_while_the_default_keeps_the_old_names()
    {
        var photo = await images.CameraJpegAsync();
        var standard = processor.Process("budget-vote/camera.jpg", photo);
        var explicitDefault = new ImageProcessor(new MediaOptions { AvifEffort = 2 }).Process("budget-vote/camera.jpg", photo);
        var fast = new ImageProcessor(new MediaOptions { AvifEffort = 0 }).Process("budget-vote/camera.jpg", photo);

        // The default's names are those made before the setting existed: its fingerprint has no effort in it.
        Assert.DoesNotContain("ae=", new MediaOptions().Fingerprint, StringComparison.Ordinal);
        Assert.Equal(standard.Variants.Select(v => v.Path), explicitDefault.Variants.Select(v => v.Path));

        // Another effort is other AVIF bytes under other names; the same ladder and formats.
        Assert.NotEqual(standard.Image.Hash, fast.Image.Hash);
        Assert.Equal(standard.Variants.Select(v => Path.GetExtension(v.Path)), fast.Variants.Select(v => Path.GetExtension(v.Path)));
        var avif = (ProcessedImage p) => p.Variants.First(v => v.Path.EndsWith("-640.avif", StringComparison.Ordinal)).Content;
        Assert.False(avif(standard).AsSpan().SequenceEqual(avif(fast)), "effort 0 wrote the same AVIF bytes as effort 2");
    }

    [Fact]
    public async Task A_small_image_is_never_enlarged()
    {
        var processed = processor.Process("x/small.png", await images.TransparentPngAsync());

        Assert.Equal([320, 640, 800], processed.Image.Widths);
        Assert.DoesNotContain(processed.Variants, v => v.Path.Contains("-960.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transparent_png_keeps_its_transparency_with_a_png_fallback()
    {
        var processed = processor.Process("x/logo.png", await images.TransparentPngAsync());

        Assert.Equal("png", processed.Image.Fallback);
        var fallback = processed.Variants.Single(v => v.Path.EndsWith("-640.png", StringComparison.Ordinal));
        Assert.Equal("True", Assert.Single(await images.IdentifyAsync(fallback.Content, "png", "%A")), ignoreCase: true);
        var corner = Assert.Single(await images.IdentifyAsync(fallback.Content, "png", "%[fx:p{0,0}.a]"));
        Assert.Equal("0", corner);
    }

    [Fact]
    public async Task An_animated_gif_stays_animated_in_webp_and_gif()
    {
        var processed = processor.Process("x/anim.gif", await images.AnimatedGifAsync());

        Assert.Equal("gif", processed.Image.Fallback);
        Assert.Equal(["webp"], processed.Image.Modern);
        Assert.Equal((400, 200), (processed.Image.Width, processed.Image.Height));
        var gif = processed.Variants.Single(v => v.Path.EndsWith("-320.gif", StringComparison.Ordinal));
        var frames = await images.IdentifyAsync(gif.Content, "gif", "%w %h");
        Assert.Equal(3, frames.Length);
        Assert.All(frames, f => Assert.Equal("320 160", f));
        var webp = processed.Variants.Single(v => v.Path.EndsWith("-320.webp", StringComparison.Ordinal));
        var webpTags = await images.TagsAsync(webp.Content, "webp");
        // Three frames of 0.2 s each: the WebP is animated and kept every frame.
        Assert.Contains(webpTags, t => t.Key.EndsWith(":Duration", StringComparison.Ordinal) && t.Value == "0.6");
    }

    [Fact]
    public async Task A_cmyk_jpeg_comes_out_in_srgb()
    {
        var processed = processor.Process("x/print.jpg", await images.CmykJpegAsync());

        foreach (var variant in processed.Variants.Where(v => v.Path.EndsWith(".jpg", StringComparison.Ordinal)))
        {
            Assert.Equal("sRGB", Assert.Single(await images.IdentifyAsync(variant.Content, "jpg", "%[colorspace]")));
        }
    }

    [Fact]
    public async Task A_photo_without_a_colour_profile_skips_the_conversion_to_srgb_and_comes_out_the_same_bytes()
    {
        // Untagged 8-bit RGB is taken as sRGB: converting it to sRGB as well (the processor did, until it was found to
        // cost a sixth of a photo's CPU) must not change a byte of what the site serves.
        var path = Path.Combine(images.Folder, "grain.jpg");
        await TestImages.RunAsync(TestImages.Convert, "-seed", "7", "-size", "400x300", "plasma:fractal", "-resize", "1500x1000!", "-attenuate", "0.4", "+noise", "Gaussian", "-quality", "92", path);
        var photo = await File.ReadAllBytesAsync(path);
        Assert.Equal(string.Empty, string.Join(' ', await images.IdentifyAsync(photo, "jpg", "%[profiles]")).Trim());

        var skipped = processor.Process("x/grain.jpg", photo);
        var converted = new ImageProcessor(new MediaOptions()) { AlwaysConvertToSrgb = true }.Process("x/grain.jpg", photo);
        var compared = 0;
        foreach (var (a, b) in skipped.Variants.Zip(converted.Variants))
        {
            Assert.Equal(a.Path, b.Path);
            Assert.True(a.Content.AsSpan().SequenceEqual(b.Content), $"{Path.GetFileName(a.Path)} differs with and without the conversion");
            compared++;
        }

        // Every width's AVIF, WebP and JPEG, and the social card.
        Assert.Equal((skipped.Image.Widths.Count * 3) + 1, compared);
    }

    [Fact]
    public async Task A_truncated_photo_is_refused_naming_the_file()
    {
        var whole = await images.CameraJpegAsync();

        var refused = Assert.Throws<MediaRejectedException>(() => processor.Process("x/cut.jpg", whole[..(whole.Length / 2)]));

        Assert.StartsWith("x/cut.jpg: the JPEG file is corrupt or truncated", refused.Message);
    }

    [Fact]
    public async Task A_heic_photo_the_bundled_decoder_cannot_read_is_refused_saying_what_to_do()
    {
        var heic = await images.HeicAsync();

        var refused = Assert.Throws<MediaRejectedException>(() => processor.Process("x/phone.heic", heic));

        Assert.Equal("x/phone.heic: HEIC photos in HEVC cannot be decoded here; export it as JPEG (or AVIF) and upload that", refused.Message);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header()
    {
        var bomb = TestImages.BombPng();

        var refused = Assert.Throws<MediaRejectedException>(() => processor.Process("x/bomb.png", bomb));

        Assert.Contains("30,000×30,000 is 900,000,000 pixels, over the limit of 100,000,000", refused.Message);
        Assert.True(bomb.Length < 1_000_000, $"the bomb is {bomb.Length} bytes");
    }

    [Fact]
    public void An_svg_and_an_html_file_named_jpg_are_refused()
    {
        var svg = Assert.Throws<MediaRejectedException>(() => processor.Process("x/chart.svg", TestImages.ScriptSvg()));
        var html = Assert.Throws<MediaRejectedException>(() => processor.Process("x/photo.jpg", TestImages.HtmlNamedJpg()));

        Assert.Contains("SVG is not accepted", svg.Message);
        Assert.Contains("x/photo.jpg: not an image", html.Message);
    }

    [Fact]
    public void An_upload_over_the_size_limit_is_refused()
    {
        var small = new ImageProcessor(new MediaOptions { MaxUploadBytes = 1000 });

        var refused = Assert.Throws<MediaRejectedException>(() => small.Process("x/big.png", new byte[2000]));

        Assert.Contains("over the limit of 1,000 bytes", refused.Message);
    }

    [Fact]
    public void An_animation_of_more_frames_than_the_limit_is_refused_before_any_frame_is_decoded()
    {
        var gif = TestImages.ManyFramesGif(1_001);

        var refused = Assert.Throws<MediaRejectedException>(() => processor.Process("x/frames.gif", gif));

        Assert.Contains("1,001 frames is over the limit of 1,000 frames (Media:MaxFrames)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_that_takes_longer_than_its_budget_is_stopped_and_refused()
    {
        var photo = await images.CameraJpegAsync(3000, 2000);
        var hurried = new ImageProcessor(new MediaOptions { ImageTimeBudget = TimeSpan.FromMilliseconds(1) });

        var refused = Assert.Throws<MediaRejectedException>(() => hurried.Process("x/slow.jpg", photo));

        Assert.Contains("took longer than", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Media:ImageTimeBudget", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_works_on_no_more_images_at_once_than_its_limit()
    {
        var photo = await images.CameraJpegAsync(800, 600);
        var one = new ImageProcessor(new MediaOptions { MaxConcurrentImages = 1, Avif = false });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => one.Process($"x/p{i}.jpg", photo))));

        Assert.Equal(1, one.PeakConcurrency);
    }

    [Fact]
    public void Loaders_libvips_marks_untrusted_never_run()
    {
        _ = new ImageProcessor(new MediaOptions()).Options; // the type's set-up has run
        // SVG is read by librsvg, a loader libvips marks untrusted (not fuzzed): blocked, libvips knows no loader for it.
        var svg = System.Text.Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>");

        Assert.ThrowsAny<NetVips.VipsException>(() => NetVips.Image.NewFromBuffer(svg).Avg());
    }

    [Fact]
    public void An_animation_of_as_many_frames_as_the_limit_is_processed()
    {
        var processed = new ImageProcessor(new MediaOptions { MaxFrames = 50, Avif = false }).Process("x/frames.gif", TestImages.ManyFramesGif(50));

        Assert.Equal("gif", processed.Image.Fallback);
    }
}
