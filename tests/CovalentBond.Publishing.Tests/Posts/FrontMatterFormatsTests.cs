using System.Text;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Posts;

/// <summary>TOML (<c>+++</c>, Hugo and Zola) and JSON (<c>{</c>, Hugo) front matter, read into the same fields as YAML.</summary>
public sealed class FrontMatterFormatsTests
{
    private static readonly SiteOptions Site = new() { TimeZone = "Asia/Tokyo" };

    private static PostParseResult Read(string text, string? fileName = null) =>
        new PostReader(Site).Read(Encoding.UTF8.GetBytes(text), fileName);

    [Fact]
    public void A_hugo_toml_post_reads_with_its_dates_lists_and_unknown_tables()
    {
        var read = Read("""
            +++
            title = "東京の夜"
            date = 2023-01-02T10:00:00+09:00
            lastmod = 2023-01-05
            Tags = ["旅行", "Tokyo"]
            draft = false
            summary = "null"
            [params]
            series = "nights"
            +++
            本文です。
            """, "content/posts/tokyo-night.md");

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        var post = read.Post!;
        Assert.Equal("東京の夜", post.Title);
        Assert.Equal(new DateTimeOffset(2023, 1, 2, 10, 0, 0, TimeSpan.FromHours(9)), post.Date);
        Assert.Equal(new DateTimeOffset(2023, 1, 5, 0, 0, 0, TimeSpan.FromHours(9)), post.LastModified);
        Assert.Equal(["旅行", "Tokyo"], post.Tags.Select(t => t.Name));
        Assert.Equal("null", post.Subtitle);
        Assert.False(post.Draft);
        Assert.Equal("本文です。", post.Body);
        Assert.Equal(11, post.BodyLine);
        Assert.True(post.OtherFields.ContainsKey("params"));
    }

    [Fact]
    public void Bad_toml_is_refused_naming_toml_and_the_line()
    {
        var broken = Read("+++\ntitle = \"A\"\ndate = \n+++\nbody");
        var twice = Read("+++\ntitle = \"A\"\ntitle = \"B\"\ndate = 2023-01-02\n+++\nbody");
        var unclosed = Read("+++\ntitle = \"A\"\nbody");
        var typed = Read("+++\ntitle = [\"A\"]\ndate = 2023-01-02\n+++\nbody");

        Assert.Contains(broken.Problems, p => p.Line == 3 && p.Message.StartsWith("the front matter is not valid TOML", StringComparison.Ordinal));
        Assert.Contains(twice.Problems, p => p.Line == 3 && p.Message == "'title' appears twice in the front matter");
        Assert.Contains(unclosed.Problems, p => p.Message == "the TOML front matter opened on line 1 is never closed with a '+++' line");
        Assert.Contains(typed.Problems, p => p.Field == "title" && p.Line == 2 && p.Message == "must be text, not a list or a mapping");
    }

    [Fact]
    public void Toml_nesting_is_bounded_before_the_parser_runs()
    {
        var deep = Read("+++\ntitle = \"A\"\ndate = 2023-01-02\nx = " + new string('[', 40) + new string(']', 40) + "\n+++\nbody");

        Assert.Contains(deep.Problems, p => p.Message.Contains("more than 16 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hugo_json_post_reads_as_its_yaml_twin()
    {
        var read = Read("{\n  \"title\": \"JSON post\",\n  \"date\": \"2023-01-02\",\n  \"tags\": [\"a\", \"b\"]\n}\nThe body.");

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        Assert.Equal(("JSON post", "The body."), (read.Post!.Title, read.Post.Body));
        Assert.Equal(["a", "b"], read.Post.Tags.Select(t => t.Name));
    }

    [Fact]
    public void A_file_without_front_matter_is_told_the_three_forms()
    {
        var read = Read("# Just a heading\n");

        Assert.Equal("a post must start with its front matter: a '---' line (YAML), a '+++' line (TOML) or a '{' line (JSON)", Assert.Single(read.Problems).Message);
    }
}
