using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Tests.Pages;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Publishing.Tests.Corrections;

/// <summary>
/// Corrections as a reader meets them: on the article with their time in the site's language, in its structured data and
/// feeds, and on <c>/corrections/</c> with its feed, newest first; a correction published, changed or withdrawn through the
/// incremental path moves the page with it. A front matter that gets corrections wrong is refused with its line.
/// </summary>
public sealed class CorrectionsTests
{
    private static readonly Caller Editor = TestCallers.Person("0d0d0d0d-1111-2222-3333-444444444444", "Edna Editor", Role.Editor);

    private static string Story(string slug, int day, string corrections = "") => $"""
        ---
        title: "Story {slug}"
        date: 2025-08-{day:D2}T09:00:00+02:00
        tags: [Trade]
        {corrections}
        ---
        Body of {slug}.
        """;

    private const string OneCorrection = """
        corrections:
          - date: 2025-08-20T10:15:00+02:00
            text: An earlier version said the rate was 15%. It is 19%.
        """;

    private static Post Read(string text, SiteOptions? site = null)
    {
        var result = new PostReader(site ?? ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes(text), "story.md");
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Post!;
    }

    [Fact]
    public async Task The_article_shows_its_corrections_and_updates_with_their_time_and_says_so_in_its_structured_data()
    {
        var post = Read(Story("x", 1, """
            updated:
              - date: 2025-08-02T08:00:00+02:00
                text: Adds the ministry's statement.
            corrections:
              - date: 2025-08-03T18:30:00+02:00
                text: An earlier version misspelled the minister's name.
            """));

        var html = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(ArticlePageTests.Renderer, post, [])).Content);

        Assert.Contains("""<section class="post-notes corrections" id="corrections" aria-labelledby="corrections-heading">""", html, StringComparison.Ordinal);
        Assert.Contains("""<li><time datetime="2025-08-03T18:30:00&#x2B;02:00">8/3/25 6:30&#x202F;PM</time> An earlier version misspelled the minister&#x27;s name.</li>""", html, StringComparison.Ordinal);
        Assert.Contains("""<h2 id="updates-heading">Updates</h2>""", html, StringComparison.Ordinal);
        Assert.Contains("Adds the ministry&#x27;s statement.", html, StringComparison.Ordinal);
        // The byline line says when it last changed: the correction.
        Assert.Contains("""Updated <time datetime="2025-08-03T18:30:00&#x2B;02:00">8/3/25</time>""", html, StringComparison.Ordinal);

        var jsonLd = JsonDocument.Parse(html[(html.IndexOf("application/ld+json\">", StringComparison.Ordinal) + 21)..html.IndexOf("</script>", StringComparison.Ordinal)]).RootElement;
        Assert.Equal("2025-08-03T18:30:00+02:00", jsonLd.GetProperty("dateModified").GetString());
        var correction = Assert.Single(jsonLd.GetProperty("correction").EnumerateArray().ToList());
        Assert.Equal("CorrectionComment", correction.GetProperty("@type").GetString());
        Assert.Equal("An earlier version misspelled the minister's name.", correction.GetProperty("text").GetString());
        Assert.Equal("2025-08-03T18:30:00+02:00", correction.GetProperty("datePublished").GetString());
    }

    [Fact]
    public async Task A_correction_is_shown_in_the_sites_language_and_a_heading_of_the_story_keeps_its_own_id()
    {
        var site = new SiteOptions { Name = "Kovalent", BaseUrl = "https://kovalent.example", Culture = "de-DE", TimeZone = "Europe/Berlin", DateFormat = "d. MMMM yyyy" };
        var post = Read(Story("x", 1, OneCorrection) + "\n\n## Corrections\n\nA story about corrections.\n", site);

        var html = Encoding.UTF8.GetString((await ArticlePage.RenderAsync(new PageRenderer(site, Theme.Theme.Default, new MarkdownRenderer()), post, [])).Content);

        Assert.Contains("""<h2 id="corrections-heading">Korrekturen</h2>""", html, StringComparison.Ordinal);
        Assert.Contains("""<time datetime="2025-08-20T10:15:00&#x2B;02:00">20. August 2025 10:15</time>""", html, StringComparison.Ordinal);
        Assert.Contains("""<h2 id="corrections-1">Corrections</h2>""", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "id=\"corrections\""));
    }

    [Theory]
    [InlineData("corrections: An earlier version was wrong.", "must be a list of entries")]
    [InlineData("corrections:\n  - An earlier version was wrong.", "each entry must have a date and a text")]
    [InlineData("corrections:\n  - date: 2025-08-20\n", "needs both a date and a text")]
    [InlineData("corrections:\n  - text: No date.\n", "needs both a date and a text")]
    [InlineData("corrections:\n  - date: yesterday\n    text: Wrong.", "'yesterday' is not a date")]
    [InlineData("corrections:\n  - date: 2025-07-01\n    text: Before the story.", "is before the post's date")]
    [InlineData("corrections:\n  - date: 2025-08-20\n    text: Fine.\n    by: someone", "an entry has 'by'")]
    [InlineData("corrections:\n  - date: 2025-08-20\n    text: [a, list]", "needs both a date and a text")]
    [InlineData("corrections:\n  - date: 2025-08-20\n    text: \"Bell \\a in text\"", "character")]
    [InlineData("updated:\n  - date: 2025-08-20\n    text: Fine.\n  - oops", "each entry must have a date and a text")]
    public void A_front_matter_that_gets_corrections_wrong_is_refused_with_the_field_and_line(string field, string expected)
    {
        var result = new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes(Story("x", 1, field)), "story.md");

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Field is "corrections" or "updated", problem.ToString());
        Assert.True(problem.Line >= 5, problem.ToString());
    }

    [Fact]
    public void Too_many_corrections_or_too_long_a_text_is_refused_with_the_limit()
    {
        var many = "corrections:\n" + string.Concat(Enumerable.Range(0, PostLimits.NoteCount + 1).Select(i => $"  - date: 2025-08-20\n    text: Number {i}.\n"));
        var longText = $"corrections:\n  - date: 2025-08-20\n    text: {new string('x', PostLimits.NoteLength + 1)}\n";

        Assert.Contains($"at most {PostLimits.NoteCount} are allowed", Assert.Single(new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes(Story("x", 1, many))).Problems).Message, StringComparison.Ordinal);
        Assert.Contains($"at most {PostLimits.NoteLength}", Assert.Single(new PostReader(ArticlePageTests.Site).Read(Encoding.UTF8.GetBytes(Story("x", 1, longText))).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_updated_date_alone_is_the_last_change_as_some_jekyll_themes_write_it()
    {
        var post = Read(Story("x", 1, "updated: 2025-08-05T12:00:00+02:00"));

        Assert.Equal(new DateTimeOffset(2025, 8, 5, 12, 0, 0, TimeSpan.FromHours(2)), post.Modified);
        Assert.Empty(post.Updates);
        Assert.DoesNotContain("updated", post.OtherFields.Keys);
    }

    private static ServiceProvider Newsroom()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:BaseUrl"] = "https://covalentbond.example/",
            ["Site:Name"] = "Covalent Bond",
            ["Site:TimeZone"] = "Europe/Belgrade",
        }).Build();
        return new ServiceCollection().AddCovalentBondCore(configuration).AddInMemoryStorage(Theme.Theme.Default).BuildServiceProvider();
    }

    private static async Task PublishAsync(IServiceProvider site, string slug, int day, string corrections = "")
    {
        var publisher = site.GetRequiredService<PostPublisher>();
        var result = await publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Story(slug, day, corrections)), slug, Editor));
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
    }

    private static string File(IServiceProvider site, string path) =>
        Encoding.UTF8.GetString(site.GetRequiredService<InMemorySiteStore>().Files[path].Content);

    [Fact]
    public async Task The_corrections_page_and_feed_follow_corrections_as_they_are_published_changed_and_withdrawn()
    {
        await using var site = Newsroom();
        await PublishAsync(site, "first", 1);
        Assert.Contains("No story has been corrected yet.", File(site, SitePaths.Corrections), StringComparison.Ordinal);

        // A correction to the first story, then one to the second: newest first on the page and in the feed.
        await PublishAsync(site, "first", 1, OneCorrection);
        await PublishAsync(site, "second", 2, """
            corrections:
              - date: 2025-08-21T08:00:00+02:00
                text: The headline named the wrong port.
            """);
        var page = File(site, SitePaths.Corrections);
        Assert.True(page.IndexOf("The headline named the wrong port.", StringComparison.Ordinal) < page.IndexOf("It is 19%.", StringComparison.Ordinal), page);
        Assert.Contains("""<a href="/posts/first/#corrections">Story first</a>""", page, StringComparison.Ordinal);
        var items = XDocument.Parse(File(site, SitePaths.CorrectionsRss)).Descendants("item").ToList();
        Assert.Equal(["Correction to “Story second”", "Correction to “Story first”"], items.Select(i => i.Element("title")!.Value));
        Assert.Equal("https://covalentbond.example/posts/first/#corrections", items[1].Element("link")!.Value);
        Assert.Equal("An earlier version said the rate was 15%. It is 19%.", items[1].Element("description")!.Value);
        Assert.NotEqual(items[0].Element("guid")!.Value, items[1].Element("guid")!.Value);

        // The article and the site's Atom feed say when the story last changed.
        Assert.Contains("id=\"corrections\"", File(site, "posts/first/index.html"), StringComparison.Ordinal);
        var atom = XDocument.Parse(File(site, SitePaths.Atom));
        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Contains(atom.Descendants(a + "entry"), e => e.Element(a + "title")!.Value == "Story first" && DateTimeOffset.Parse(e.Element(a + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture) == new DateTimeOffset(2025, 8, 20, 10, 15, 0, TimeSpan.FromHours(2)));

        // A second correction to the first story moves it to the top.
        await PublishAsync(site, "first", 1, OneCorrection + "\n" + """
              - date: 2025-08-22T09:00:00+02:00
                text: The ministry's name was wrong too.
            """);
        page = File(site, SitePaths.Corrections);
        Assert.True(page.IndexOf("The ministry&#x27;s name was wrong too.", StringComparison.Ordinal) < page.IndexOf("The headline named the wrong port.", StringComparison.Ordinal), page);
        Assert.Equal(3, XDocument.Parse(File(site, SitePaths.CorrectionsRss)).Descendants("item").Count());

        // Withdrawn: its corrections leave the page with it.
        Assert.False((await site.GetRequiredService<PostWithdrawal>().UnpublishAsync("first", Editor))!.IsRefused);
        page = File(site, SitePaths.Corrections);
        Assert.DoesNotContain("It is 19%.", page, StringComparison.Ordinal);
        Assert.Contains("The headline named the wrong port.", page, StringComparison.Ordinal);

        // The correction taken out of the second story (an editor's mistake): the page is empty again.
        await PublishAsync(site, "second", 2);
        Assert.Contains("No story has been corrected yet.", File(site, SitePaths.Corrections), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_is_a_revision_and_an_audited_change_like_any_other_edit()
    {
        await using var site = Newsroom();
        await PublishAsync(site, "first", 1);
        await PublishAsync(site, "first", 1, OneCorrection);

        var revisions = await site.GetRequiredService<IRevisionStore>().ListAsync("first", CancellationToken.None);
        Assert.Equal(2, revisions.Count);
        var audit = await site.GetRequiredService<IAuditTrail>().ReadAsync(new AuditQuery(Subject: "first"), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(["updated", "created"], audit.Select(e => e.Outcome));
        Assert.All(audit, e => Assert.Equal(Editor.Id, e.CallerId));
    }
}
