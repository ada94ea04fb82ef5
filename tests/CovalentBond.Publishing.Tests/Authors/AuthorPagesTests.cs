using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Authors;

/// <summary>
/// Every person a byline names has a page at <c>/authors/{slug}/</c> (their posts newest first, paged) and a feed; a
/// profile adds who they are; the article links its byline there and names the page in its structured data.
/// </summary>
public sealed class AuthorPagesTests
{
    private static readonly DateTimeOffset Now = new(2025, 9, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SiteOptions Site = new() { BaseUrl = "https://covalentbond.example/", Name = "Covalent Bond", TagPageSize = 2 };

    internal const string AnaProfile = """
        {
          "name": "Ana Author",
          "bio": "Covers the Balkans <script>alert(1)</script> & the EU.",
          "photo": "/media/ana.jpg",
          "links": [ { "title": "Mastodon", "url": "https://mastodon.example/@ana" } ],
          "objectId": "0b0b0b0b-1111-2222-3333-444444444444"
        }
        """;

    private static SourceFile Post(string slug, string byline, int day) => new($"{slug}.md", Encoding.UTF8.GetBytes($"""
        ---
        title: "Story {slug}"
        date: 2025-08-{day:D2}T09:00:00+02:00
        {byline}
        ---
        Body of {slug}.
        """));

    private static async Task<Dictionary<string, string>> BuildAsync(AuthorProfiles profiles, params SourceFile[] sources)
    {
        var renderer = new PageRenderer(Site, Theme.Theme.Default.WithAuthors(profiles), new MarkdownRenderer());
        var result = await new StaticSiteBuilder(new PostReader(Site), renderer).BuildAsync(sources, Now);
        Assert.Empty(result.Problems);
        return result.Pages.ToDictionary(p => p.Path, p => Encoding.UTF8.GetString(p.Content));
    }

    private static AuthorProfiles Profiles(params (string Name, string Json)[] files)
    {
        var problems = new List<ProfileProblem>();
        var profiles = AuthorProfiles.Read(files.Select(f => (f.Name, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Json))), problems);
        Assert.Empty(problems);
        return profiles;
    }

    private static SourceFile[] FiveStories() =>
    [
        Post("one", "author: Ana Author", 1),
        Post("two", "author: ana author", 2),
        Post("three", "authors: [Ana Author, Boris Brown]", 3),
        Post("four", "author: Boris Brown", 4),
        Post("five", "author: ANA AUTHOR", 5),
    ];

    [Fact]
    public async Task An_author_has_pages_of_their_posts_newest_first_paged_and_a_feed()
    {
        var pages = await BuildAsync(AuthorProfiles.None, FiveStories());

        // Ana is named by four posts (three spellings, one of them shared with Boris), two to a page here: the front page
        // has the newest two, and the one archive page (numbered from the oldest) the oldest two.
        var first = pages["authors/ana-author/index.html"];
        var second = pages["authors/ana-author/page/1/index.html"];
        Assert.DoesNotContain("authors/ana-author/page/2/index.html", pages.Keys);
        Assert.True(first.IndexOf("Story five", StringComparison.Ordinal) < first.IndexOf("Story three", StringComparison.Ordinal));
        Assert.DoesNotContain("Story two", first, StringComparison.Ordinal);
        Assert.Contains("Story two", second, StringComparison.Ordinal);
        Assert.Contains("Story one", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Story four", first + second, StringComparison.Ordinal);
        Assert.Contains("4 posts by Ana Author", first, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/authors/ana-author/page/1/\" rel=\"next\">Older posts</a>", first, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/authors/ana-author/\" rel=\"prev\">Newer posts</a>", second, StringComparison.Ordinal);
        Assert.Contains("<p>Page 1 <a href=\"/authors/ana-author/feed.xml\">", second, StringComparison.Ordinal);
        Assert.DoesNotContain("posts by", second, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"https://covalentbond.example/authors/ana-author/page/1/\">", second, StringComparison.Ordinal);

        var feed = XDocument.Parse(pages["authors/ana-author/feed.xml"]);
        Assert.Equal(["Story five", "Story three", "Story two", "Story one"], feed.Descendants("item").Select(i => (string)i.Element("title")!));

        // Boris, with one page and no pager; no profile, so his name is the byline's.
        Assert.Contains("<h1>Boris Brown</h1>", pages["authors/boris-brown/index.html"], StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"pager\"", pages["authors/boris-brown/index.html"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_byline_links_every_author_and_the_structured_data_names_their_pages()
    {
        var pages = await BuildAsync(AuthorProfiles.None, FiveStories());
        var article = pages.Single(p => p.Key.EndsWith("/three/index.html", StringComparison.Ordinal)).Value;

        Assert.Contains(
            "<span class=\"byline\">By: <a class=\"author\" href=\"/authors/ana-author/\" rel=\"author\">Ana Author</a>, <a class=\"author\" href=\"/authors/boris-brown/\" rel=\"author\">Boris Brown</a></span>",
            article,
            StringComparison.Ordinal);
        var jsonLd = JsonDocument.Parse(article.Split("<script type=\"application/ld+json\">")[1].Split("</script>")[0]);
        var authors = jsonLd.RootElement.GetProperty("author").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("url").GetString())).ToList();
        Assert.Equal([("Ana Author", "https://covalentbond.example/authors/ana-author/"), ("Boris Brown", "https://covalentbond.example/authors/boris-brown/")], authors);
    }

    [Fact]
    public async Task A_profile_gives_the_page_its_name_bio_photo_and_links_escaped()
    {
        var pages = await BuildAsync(Profiles(("ana.json", AnaProfile)), FiveStories());
        var page = pages["authors/ana-author/index.html"];

        Assert.Contains("<h1>Ana Author</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Covers the Balkans &lt;script&gt;alert(1)&lt;/script&gt; &amp; the EU.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Contains("<img class=\"author-photo\" src=\"/media/ana.jpg\" alt=\"\" width=\"96\" height=\"96\"", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://mastodon.example/@ana\" rel=\"me noopener\">Mastodon</a>", page, StringComparison.Ordinal);

        var profilePage = JsonDocument.Parse(page.Split("<script type=\"application/ld+json\">")[1].Split("</script>")[0]).RootElement;
        Assert.Equal("ProfilePage", profilePage.GetProperty("@type").GetString());
        var person = profilePage.GetProperty("mainEntity");
        Assert.Equal("https://covalentbond.example/authors/ana-author/", person.GetProperty("url").GetString());
        Assert.Equal("https://covalentbond.example/media/ana.jpg", person.GetProperty("image").GetString());
        Assert.Equal("https://mastodon.example/@ana", person.GetProperty("sameAs")[0].GetString());
    }

    [Fact]
    public async Task A_post_without_a_byline_makes_no_author_page()
    {
        var pages = await BuildAsync(AuthorProfiles.None, Post("anon", string.Empty, 1));

        Assert.DoesNotContain(pages.Keys, p => p.StartsWith("authors/", StringComparison.Ordinal));
        Assert.DoesNotContain("class=\"byline\"", pages.Single(p => p.Key.EndsWith("/anon/index.html", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ana Author", new[] { "ana-author" })]
    [InlineData("Ana Author, Boris Brown", new[] { "ana-author", "boris-brown" })]
    [InlineData("Zoë Ørsted, zoe orsted", new[] { "zoe-orsted" })]
    [InlineData("  , ,  ", new string[0])]
    [InlineData("Staff and agencies", new[] { "staff-and-agencies" })]
    public void A_byline_names_people_by_the_slug_of_each_name(string byline, string[] slugs) =>
        Assert.Equal(slugs, AuthorName.Of(byline).Select(a => a.Slug));
}
