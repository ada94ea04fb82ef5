using System.Text;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Posts;

public sealed class PostReaderTests
{
    private static readonly SiteOptions Site = new() { TimeZone = "Europe/Belgrade" };

    private static PostParseResult Read(string text, string? fileName = null, string? slug = null) =>
        new PostReader(Site).Read(Encoding.UTF8.GetBytes(text), fileName, slug);

    private const string Istanbul = """
        ---
        title: "Diplomatic farce: Istanbul talks reach deadlock"
        date: 2025-05-20
        author: Michael K.
        subtitle: Despite calls with Putin, there is no agreement.
        tags: [Ukraine, Russia, Türkiye]
        series: talks
        ---
        On May 20, 2025, negotiations *once again* reached a dead end.
        """;

    [Fact]
    public void Reads_every_front_matter_field_and_the_body()
    {
        var result = Read(Istanbul, fileName: "2025-05-20-istanbul-talks.md");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var post = result.Post!;
        Assert.Equal("Diplomatic farce: Istanbul talks reach deadlock", post.Title);
        Assert.Equal("Michael K.", post.Author);
        Assert.Equal("Despite calls with Putin, there is no agreement.", post.Subtitle);
        Assert.Equal(["Ukraine", "Russia", "Türkiye"], post.Tags.Select(t => t.Name));
        Assert.Equal(["ukraine", "russia", "turkiye"], post.Tags.Select(t => t.Slug));
        Assert.Equal("istanbul-talks", post.Slug);
        Assert.StartsWith("On May 20, 2025", post.Body, StringComparison.Ordinal);
        Assert.Equal("talks", post.OtherFields["series"]);
    }

    [Fact]
    public void A_bare_date_is_midnight_in_the_sites_time_zone()
    {
        var post = Read(Istanbul).Post!;

        // Belgrade is UTC+2 in May (daylight saving time).
        Assert.Equal(new DateTimeOffset(2025, 5, 20, 0, 0, 0, TimeSpan.FromHours(2)), post.Date);
    }

    [Fact]
    public void A_date_time_with_an_offset_keeps_its_offset()
    {
        var post = Read("---\ntitle: T\ndate: 2025-05-20T09:30:00-04:00\n---\nbody").Post!;

        Assert.Equal(new DateTimeOffset(2025, 5, 20, 9, 30, 0, TimeSpan.FromHours(-4)), post.Date);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_line_and_field()
    {
        var result = Read("---\nauthor: [a, b]\ndate: yesterday\ntags:\n  - {x: 1}\nslug: Not A Slug\n---\nbody");

        Assert.False(result.IsValid);
        var messages = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("title: is required", messages);
        Assert.Contains("line 2: author: must be text, not a list or a mapping", messages);
        Assert.Contains(messages, m => m.StartsWith("line 3: date: 'yesterday' is not a date", StringComparison.Ordinal));
        Assert.Contains("line 5: tags: each tag must be plain text", messages);
        Assert.Contains(messages, m => m.StartsWith("line 6: slug: 'Not A Slug' may use only", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_without_a_title_names_the_field()
    {
        var result = Read("---\ndate: 2025-05-20\n---\nbody");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("title", problem.Field);
    }

    [Fact]
    public void An_empty_title_is_reported_on_its_line()
    {
        var result = Read("---\ntitle: \"  \"\ndate: 2025-05-20\n---\nbody");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 2: title: must not be empty", problem.ToString());
    }

    [Fact]
    public void Byte_order_mark_and_CRLF_line_ends_are_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("---\r\ntitle: T\r\ndate: 2025-05-20\r\n---\r\nline one\r\nline two\r\n")).ToArray();

        var result = new PostReader(Site).Read(bytes, "t.md");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("line one\nline two\n", result.Post!.Body);
    }

    [Fact]
    public void Text_that_is_not_UTF8_is_refused()
    {
        var latin1 = Encoding.Latin1.GetBytes("---\ntitle: Türkiye\ndate: 2025-05-20\n---\n");

        var result = new PostReader(Site).Read(latin1, "t.md");

        Assert.Contains("not valid UTF-8", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NUL_bytes_are_refused()
    {
        var result = new PostReader(Site).Read("---\ntitle: T\0\ndate: 2025-05-20\n---\n"u8, "t.md");

        Assert.Contains("NUL byte", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_over_the_limit_are_refused()
    {
        var reader = new PostReader(new SiteOptions { MaxPostBytes = 100 });

        var result = reader.Read(new byte[101], "t.md");

        Assert.Contains("at most 100 bytes", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_front_matter_says_so()
    {
        var result = Read("# Just a heading\n");

        Assert.Equal("line 1: a post must start with its front matter: a '---' line (YAML), a '+++' line (TOML) or a '{' line (JSON)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Unclosed_front_matter_says_so()
    {
        var result = Read("---\ntitle: T\n");

        Assert.Contains("never closed", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_YAML_is_reported_with_its_line()
    {
        var result = Read("---\ntitle: T\ndate: [2025\n---\nbody");

        var problem = Assert.Single(result.Problems);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void Description_and_summary_are_accepted_as_the_subtitle()
    {
        Assert.Equal("lede", Read("---\ntitle: T\ndate: 2025-05-20\ndescription: lede\n---\n").Post!.Subtitle);
        Assert.Equal("lede", Read("---\ntitle: T\ndate: 2025-05-20\nsummary: lede\n---\n").Post!.Subtitle);
    }

    [Fact]
    public void Two_spellings_of_one_tag_are_one_tag()
    {
        var post = Read("---\ntitle: T\ndate: 2025-05-20\ntags: [Türkiye, TÜRKİYE]\n---\n").Post!;

        Assert.Equal("Türkiye", Assert.Single(post.Tags).Name);
    }

    [Fact]
    public void The_requested_slug_wins_over_the_title_and_must_match_the_front_matter()
    {
        Assert.Equal("chosen", Read("---\ntitle: Some Title\ndate: 2025-05-20\n---\n", slug: "chosen").Post!.Slug);

        var mismatch = Read("---\ntitle: T\ndate: 2025-05-20\nslug: other\n---\n", slug: "chosen");
        Assert.Equal("line 4: slug: 'other' differs from the slug in the address, 'chosen'", Assert.Single(mismatch.Problems).ToString());
    }

    [Fact]
    public void Without_a_slug_or_file_name_the_title_gives_the_slug()
    {
        Assert.Equal("diplomatic-farce-istanbul-talks-reach-deadlock", Read(Istanbul).Post!.Slug);
    }

    [Fact]
    public void A_time_the_clocks_skip_is_refused()
    {
        // Belgrade moved its clocks from 02:00 to 03:00 on 2025-03-30.
        var result = Read("---\ntitle: T\ndate: 2025-03-30T02:30\n---\n");

        Assert.Contains("does not exist in Europe/Belgrade", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}
