using System.Text;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Posts;

/// <summary>Front matter as real Jekyll and Hugo blogs write it (issue 11's findings 1, 4, 7 and 9), read as they read it.</summary>
public sealed class GeneratorConventionsTests
{
    private static readonly SiteOptions Site = new() { TimeZone = "Europe/Berlin" };

    private static PostParseResult Read(string text, string? fileName = null, SiteOptions? site = null) =>
        new PostReader(site ?? Site).Read(Encoding.UTF8.GetBytes(text), fileName);

    [Fact]
    public void A_jekyll_post_without_a_date_takes_the_one_in_its_file_name()
    {
        var flat = Read("---\ntitle: Hello world\n---\nbody", "_posts/2006-04-14-hello-world.md");
        var bundle = Read("---\ntitle: Hello world\n---\nbody", "content/2006-04-14-hello-world/index.md");
        var none = Read("---\ntitle: Hello world\n---\nbody", "hello-world.md");

        Assert.Equal(new DateTimeOffset(2006, 4, 14, 0, 0, 0, TimeSpan.FromHours(2)), flat.Post!.Date);
        Assert.Equal("hello-world", flat.Post.Slug);
        Assert.Equal(flat.Post.Date, bundle.Post!.Date);
        Assert.Contains(none.Problems, p => p.Field == "date" && p.Message == "is required");
    }

    [Fact]
    public void Keys_are_read_whatever_their_case_and_two_spellings_of_one_key_are_a_duplicate()
    {
        var read = Read("---\nTitle: Neue Firmware\nDate: 2015-03-01\nSlug: neue-firmware-2015\nTags: [Technik]\n---\nbody");
        var twice = Read("---\ntitle: A\ndate: 2015-03-01\nDate: 2015-03-02\n---\nbody");

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        Assert.Equal(("Neue Firmware", "neue-firmware-2015"), (read.Post!.Title, read.Post.Slug));
        Assert.Equal(["Technik"], read.Post.Tags.Select(t => t.Name));
        Assert.False(twice.IsValid);
        Assert.Contains(twice.Problems, p => p.Line == 4);
    }

    [Fact]
    public void A_time_with_a_one_digit_hour_is_read()
    {
        var read = Read("---\ntitle: A\ndate: 2014-12-12 9:32\n---\nbody");

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        Assert.Equal(new DateTimeOffset(2014, 12, 12, 9, 32, 0, TimeSpan.FromHours(1)), read.Post!.Date);
    }

    [Fact]
    public void Entities_in_titles_and_subtitles_are_decoded_unless_they_make_a_forbidden_character()
    {
        var read = Read("---\ntitle: \"CSS&#039;e giriş &amp; HTML\"\ndescription: \"Tom &quot;Sawyer&quot;\"\ndate: 2015-03-01\n---\nbody");
        var control = Read("---\ntitle: \"Bell &#7; rings\"\ndate: 2015-03-01\n---\nbody");

        Assert.Equal("CSS'e giriş & HTML", read.Post!.Title);
        Assert.Equal("Tom \"Sawyer\"", read.Post.Subtitle);
        Assert.Equal("Bell &#7; rings", control.Post!.Title);
    }

    [Fact]
    public void Categories_join_the_tags_unless_the_site_says_otherwise()
    {
        const string text = "---\ntitle: A\ndate: 2015-03-01\ncategories: [Linux, Technik]\ntags: [linux, Kamera]\n---\nbody";

        var merged = Read(text);
        var apart = Read(text, site: new SiteOptions { TimeZone = "Europe/Berlin", CategoriesAsTags = false });

        Assert.Equal(["linux", "Kamera", "Technik"], merged.Post!.Tags.Select(t => t.Name));
        Assert.Equal(["linux", "Kamera"], apart.Post!.Tags.Select(t => t.Name));
        Assert.Equal("[ Linux, Technik ]", apart.Post.OtherFields["categories"]);
    }

    [Fact]
    public void An_authors_list_is_the_byline_when_there_is_no_author()
    {
        var read = Read("---\ntitle: A\ndate: 2015-03-01\nauthors: [Олена Коваль, Taras Petrenko]\n---\nbody");

        Assert.Equal("Олена Коваль, Taras Petrenko", read.Post!.Author);
    }

    [Fact]
    public void A_missing_image_alt_is_a_warning_and_an_empty_one_marks_a_decorative_image()
    {
        var missing = Read("---\ntitle: A\ndate: 2015-03-01\nimage: https://example.com/a.jpg\n---\nbody");
        var empty = Read("---\ntitle: A\ndate: 2015-03-01\nimage: https://example.com/a.jpg\nimageAlt: \"\"\n---\nbody");

        Assert.True(missing.IsValid, string.Join("; ", missing.Problems));
        Assert.Null(missing.Post!.ImageAlt);
        Assert.Equal(string.Empty, empty.Post!.ImageAlt);
        var renderer = new PageRenderer(Site, CovalentBond.Publishing.Theme.Theme.Default, new MarkdownRenderer());
        var preparer = new PostPreparer(new PostReader(Site), renderer);
        var warned = preparer.Prepare(Encoding.UTF8.GetBytes("---\ntitle: A\ndate: 2015-03-01\nimage: https://example.com/a.jpg\n---\nbody")).Prepared!;
        var quiet = preparer.Prepare(Encoding.UTF8.GetBytes("---\ntitle: A\ndate: 2015-03-01\nimage: https://example.com/a.jpg\nimageAlt: \"\"\n---\nbody")).Prepared!;
        Assert.Contains(warned.Warnings, w => w.Field == "imageAlt" && w.Message.StartsWith("is missing", StringComparison.Ordinal));
        Assert.Empty(quiet.Warnings);
    }

    [Fact]
    public void An_image_written_as_a_theme_mapping_or_as_hugos_cover_is_the_hero()
    {
        var feature = Read("---\ntitle: A\ndate: 2015-03-01\nimage:\n  feature: /images/kamera.jpg\n  credit: Foto von Anna\n  alt: Eine Kamera auf dem Tisch\n---\nbody");
        var cover = Read("---\ntitle: A\ndate: 2015-03-01\ncover:\n  image: cover.jpg\n  alt: The harbour\n  caption: At dawn\n---\nbody");
        var featured = Read("---\ntitle: A\ndate: 2015-03-01\nfeatured_image: https://example.com/a.jpg\n---\nbody");
        var nameless = Read("---\ntitle: A\ndate: 2015-03-01\nimage:\n  credit: nobody\n---\nbody");
        var listed = Read("---\ntitle: A\ndate: 2015-03-01\nimage: [a.png]\n---\nbody");

        Assert.Equal(("/images/kamera.jpg", "Eine Kamera auf dem Tisch", "Foto von Anna"), (feature.Post!.Image, feature.Post.ImageAlt, feature.Post.ImageCaption));
        Assert.Equal(("cover.jpg", "The harbour", "At dawn"), (cover.Post!.Image, cover.Post.ImageAlt, cover.Post.ImageCaption));
        Assert.Equal("https://example.com/a.jpg", featured.Post!.Image);
        Assert.Contains(nameless.Problems, p => p.Field == "image" && p.Message.StartsWith("a mapping must name the image", StringComparison.Ordinal));
        Assert.Contains(listed.Problems, p => p.Field == "image" && p.Message == "must be text, not a list or a mapping");
    }
}
