using System.Text;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Tests.Build;
using CovalentBond.Publishing.Tests.Pages;

namespace CovalentBond.Publishing.Tests.Posts;

/// <summary>Text is Unicode, all of it: beyond the BMP, combining marks, RTL marks and digits of every script (issue 26, finding 3).</summary>
public sealed class UnicodeFieldsTests
{
    private static PostParseResult Read(string frontMatter) =>
        new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes($"---\n{frontMatter}\n---\nBody.\n"), "probe.md");

    [Theory]
    [InlineData("tags: [Launch day 🚀]", "launch-day")]
    [InlineData("tags: ['👩‍👩‍👧 families']", "families")]
    [InlineData("tags: ['Cafe\u0301']", "cafe")]
    [InlineData("tags: ['\u200Fשלום']", null)]
    [InlineData("tags: ['𝔘𝔫𝔦𝔠𝔬𝔡𝔢']", null)]
    [InlineData("tags: ['٢٠٢٥']", null)]
    public void A_tag_beyond_ascii_reads_and_gets_a_slug(string tags, string? slug)
    {
        var result = Read($"title: T\ndate: 2025-05-20\n{tags}");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var tag = Assert.Single(result.Post!.Tags);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", tag.Slug);
        if (slug is not null)
        {
            Assert.Equal(slug, tag.Slug);
        }
    }

    [Theory]
    [InlineData("Launch day 🚀")]
    [InlineData("🚀🚀 2025")]
    [InlineData("Ünïcödé\u200D title")]
    public void A_title_with_an_emoji_gives_a_slug(string title)
    {
        var result = new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes($"---\ntitle: \"{title}\"\ndate: 2025-05-20\n---\nBody.\n"));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.True(Slug.IsValid(result.Post!.Slug), result.Post.Slug);
    }

    [Theory]
    [InlineData("date: 2025-05-20T10:00:00+０１:００")]
    [InlineData("date: ２０２５-05-20")]
    [InlineData("date: 2025-05-20T１0:00:00")]
    [InlineData("date: ٢٠٢٥-٠٥-٢٠")]
    public void A_date_with_digits_of_another_script_is_a_problem_of_the_date(string date)
    {
        var result = Read($"title: T\n{date}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("date", problem.Field);
        Assert.Contains("is not a date", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: \"half \\uD83D of an emoji\"")]
    [InlineData("title: T\ntags: [\"\\uDE80\"]")]
    public void An_unpaired_surrogate_from_a_yaml_escape_is_refused_not_thrown(string frontMatter)
    {
        var result = Read($"{frontMatter}\ndate: 2025-05-20");

        Assert.Contains(result.Problems, p => p.Message.Contains("surrogate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\uD83Dx")]
    [InlineData("x\uDE80")]
    [InlineData("\uDE80\uD83Dx")]
    public void A_tag_with_an_unpaired_surrogate_gets_a_slug_instead_of_throwing(string name)
    {
        var tag = Tag.From(name);

        Assert.NotNull(tag);
        Assert.Equal("x", tag.Slug.Split('-')[0]);
    }

    [Fact]
    public async Task A_build_with_posts_that_crashed_it_before_builds_the_good_ones_and_names_the_bad()
    {
        SourceFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
        var sources = new[]
        {
            File("good.md", "---\ntitle: Good\ndate: 2025-05-20\n---\nGood.\n"),
            File("emoji.md", "---\ntitle: Launch 🚀\ndate: 2025-05-21\ntags: [Launch day 🚀, \"🚀x\"]\n---\nLaunch.\n"),
            File("offset.md", "---\ntitle: Offset\ndate: 2025-05-20T10:00:00+０１:００\n---\nBad offset.\n"),
            File("alias.md", "---\ntitle: Alias\ndate: 2025-05-20\naliases: ['/%00/x/', '/%2e%2e/%2e%2e/x/']\n---\nBad alias.\n"),
        };

        var result = await StaticSiteBuilderTests.Builder.BuildAsync(sources, StaticSiteBuilderTests.Now);

        Assert.Equal(["alias.md", "offset.md"], result.Problems.Select(p => p.FileName).Distinct().Order());
        Assert.Contains(result.Pages, p => p.Path == "posts/good/index.html");
        Assert.Contains(result.Pages, p => p.Path == "posts/emoji/index.html");
        Assert.Contains(result.Pages, p => p.Path == "tags/launch-day/index.html");
    }

    [Theory]
    [InlineData("photos/caf\u00e9 \U0001F680 night.jpg", "cafe-night")]
    [InlineData("photos/\uD83Dhalf.jpg", "half")]
    public void An_image_name_beyond_the_bmp_gives_a_plain_stem(string key, string stem)
    {
        Assert.Equal(stem, CovalentBond.Publishing.Media.ImageProcessor.Stem(key));
    }
}
