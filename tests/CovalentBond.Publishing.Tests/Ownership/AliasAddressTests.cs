using System.Text;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Ownership;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Tests.Build;
using CovalentBond.Publishing.Tests.Pages;

namespace CovalentBond.Publishing.Tests.Ownership;

/// <summary>An alias is checked on the file the static website serves for it, decoded once (issue 26, findings 1, 2 and 4).</summary>
public sealed class AliasAddressTests
{
    private static PostParseResult Read(string aliases) =>
        new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes($"---\ntitle: Probe\ndate: 2025-05-20\naliases: {aliases}\n---\nBody.\n"), "probe.md");

    [Theory]
    [InlineData("/%69ndex.html", "index.html", "the home page")]
    [InlineData("/", "index.html", "the home page")]
    [InlineData("/INDEX.HTML", "INDEX.HTML", "the home page")]
    [InlineData("/%34%30%34.html", "404.html", "the not-found page")]
    [InlineData("/tags%2Fpolitics/", "tags/politics/index.html", "the tag pages")]
    [InlineData("/Tags/politics/", "Tags/politics/index.html", "the tag pages")]
    [InlineData("/feed.xml", "feed.xml/index.html", "the site's RSS feed")]
    [InlineData("/%61ssets/site.css.html", "assets/site.css.html", "the theme's assets")]
    [InlineData("/sitemaps/posts-2025-05.xml", "sitemaps/posts-2025-05.xml/index.html", "the sitemaps")]
    [InlineData("/media/x/", "media/x/index.html", "the site's images")]
    public void An_alias_that_decodes_to_a_file_the_site_writes_is_refused_naming_its_owner(string alias, string file, string owner)
    {
        var result = Read($"['{alias}']");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("aliases", problem.Field);
        Assert.Contains($"is the file {file}, which {owner} holds", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%2e%2e/%2e%2e/x/", "'.' or '..'")]
    [InlineData("/a/%2E/b/", "'.' or '..'")]
    [InlineData("/%00/x/", "U+0000")]
    [InlineData("/x%0A/", "U+000A")]
    [InlineData("/a%5Cb/", "'\\'")]
    [InlineData("/a%25b/", "'%'")]
    [InlineData("/a%2F%2Fb/", "empty")]
    [InlineData("/a%E2%80%AEb/", "U+202E")]
    [InlineData("/a%E2%80%8Db/", "U+200D")]
    [InlineData("/a%F0%9F%9A%80/", "U+1F680")]
    [InlineData("/a%C3/", "percent-encoded")]
    [InlineData("/a%G1/", "percent-encoded")]
    [InlineData("/a b/", "must be a path")]
    [InlineData("https://evil.example/x/", "must be a path")]
    public void An_alias_that_is_no_file_name_once_decoded_is_refused_saying_why(string alias, string why)
    {
        var result = Read($"['{alias}']");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("aliases", problem.Field);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/2015/11/08/old-name.html", "/2015/11/08/old-name.html", "2015/11/08/old-name.html")]
    [InlineData("/old/name", "/old/name/", "old/name/index.html")]
    [InlineData("/%e4%ba%ac/", "/%E4%BA%AC/", "京/index.html")]
    [InlineData("/caf%C3%A9/", "/caf%C3%A9/", "café/index.html")]
    [InlineData("old-name/", "/posts/old-name/", "posts/old-name/index.html")]
    [InlineData("/posts/another-post/", "/posts/another-post/", "posts/another-post/index.html")]
    public void A_good_alias_is_kept_in_one_canonical_form(string alias, string url, string file)
    {
        var result = Read($"['{alias}']");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal([url], result.Post!.Aliases);
        Assert.Equal(file, AliasAddress.FileOf(url));
    }

    [Fact]
    public void Two_spellings_of_one_file_are_one_alias()
    {
        var result = Read("['/old/name/', '/old/%6eame', '/old/name/']");

        Assert.Equal(["/old/name/"], result.Post!.Aliases);
    }

    [Fact]
    public void An_encoded_dot_segment_in_the_image_is_refused()
    {
        var result = new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes("---\ntitle: Probe\ndate: 2025-05-20\nimage: /media/%2e%2e/%2e%2e/secret.jpg\n---\nBody.\n"), "probe.md");

        Assert.Equal("image", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public async Task A_build_gives_an_alias_that_names_another_posts_article_to_the_article_and_reports_it()
    {
        var victim = new SourceFile("victim.md", Encoding.UTF8.GetBytes("---\ntitle: Victim\ndate: 2025-05-20\n---\nThe victim's own words.\n"));
        var probe = new SourceFile("probe.md", Encoding.UTF8.GetBytes("---\ntitle: Probe\ndate: 2025-05-21\naliases: ['/Posts/Victim/index.html']\n---\nProbe.\n"));

        var result = await StaticSiteBuilderTests.Builder.BuildAsync([victim, probe], StaticSiteBuilderTests.Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("probe.md", problem.FileName);
        Assert.Contains("the article of victim.md holds", problem.Problem.Message, StringComparison.Ordinal);
        var page = Encoding.UTF8.GetString(result.Pages.Single(p => p.Path == "posts/victim/index.html").Content);
        Assert.Contains("The victim's own words.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Pages, p => p.Path.Equals("Posts/Victim/index.html", StringComparison.Ordinal));
    }
}
