using System.Text;
using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Publishing.Tests.Authors;

/// <summary>
/// Author pages through the incremental path, in memory: a publish brings its authors' pages up to date, a withdrawal
/// takes a page the list no longer fills away, and the last post of an author takes their folder with it. A post without
/// a byline is credited to its owner's profile; only an Editor credits a post to another person who signs in.
/// </summary>
public sealed class AuthorPublishingTests
{
    private static readonly Caller Ana = TestCallers.Person("0b0b0b0b-1111-2222-3333-444444444444", "Ana (token name)", Role.Author);
    private static readonly Caller Boris = TestCallers.Person("0c0c0c0c-1111-2222-3333-444444444444", "Boris (token name)", Role.Author);

    private static ServiceProvider Site(int pageSize = 2)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:BaseUrl"] = "https://covalentbond.example/",
            ["Site:Name"] = "Covalent Bond",
            ["Site:TagPageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var problems = new List<ProfileProblem>();
        var profiles = AuthorProfiles.Read(
            [
                ("ana.json", Encoding.UTF8.GetBytes(AuthorPagesTests.AnaProfile)),
                ("boris.json", Encoding.UTF8.GetBytes("""{ "name": "Boris Brown", "objectId": "0c0c0c0c-1111-2222-3333-444444444444" }""")),
            ],
            problems);
        Assert.Empty(problems);
        return new ServiceCollection().AddCovalentBondCore(configuration).AddInMemoryStorage(Theme.Theme.Default.WithAuthors(profiles)).BuildServiceProvider();
    }

    private static byte[] Story(string slug, string byline, int day) => Encoding.UTF8.GetBytes($"""
        ---
        title: "Story {slug}"
        date: 2025-08-{day:D2}T09:00:00+02:00
        {byline}
        ---
        Body of {slug}.
        """);

    private static async Task<PublishResult> PublishAsync(IServiceProvider site, string slug, string byline, int day, Caller by) =>
        await site.GetRequiredService<PostPublisher>().PublishAsync(PostUpload.FromHttp(Story(slug, byline, day), slug, by));

    private static IReadOnlyDictionary<string, string> Pages(IServiceProvider site) =>
        site.GetRequiredService<InMemorySiteStore>().Files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(f.Value.Content));

    [Fact]
    public async Task Publishing_and_withdrawing_keep_an_authors_pages_as_their_posts_are()
    {
        await using var site = Site();
        for (var day = 1; day <= 3; day++)
        {
            Assert.Equal(PublishStatus.Created, (await PublishAsync(site, $"s{day}", "author: Ana Author", day, Ana)).Status);
        }

        // Three posts, two to a page: the front page has the two newest, the archive page the two oldest.
        var pages = Pages(site);
        Assert.Contains("Story s3", pages["authors/ana-author/index.html"], StringComparison.Ordinal);
        Assert.DoesNotContain("Story s1", pages["authors/ana-author/index.html"], StringComparison.Ordinal);
        Assert.Contains("Story s1", pages["authors/ana-author/page/1/index.html"], StringComparison.Ordinal);
        Assert.Contains("Covers the Balkans", pages["authors/ana-author/index.html"], StringComparison.Ordinal);

        // One withdrawn: the front page holds them all, and the archive page goes.
        var withdrawal = site.GetRequiredService<PostWithdrawal>();
        Assert.False((await withdrawal.UnpublishAsync("s1", Ana))!.IsRefused);
        pages = Pages(site);
        Assert.DoesNotContain("authors/ana-author/page/1/index.html", pages.Keys);
        Assert.Contains("2 posts by Ana Author", pages["authors/ana-author/index.html"], StringComparison.Ordinal);

        // The last ones withdrawn: the author's folder goes with them.
        await withdrawal.UnpublishAsync("s2", Ana);
        await withdrawal.DeleteAsync("s3", Ana);
        Assert.DoesNotContain(Pages(site).Keys, p => p.StartsWith("authors/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_post_rewrites_only_the_authors_newest_pages_and_every_page_stays_as_a_republish_makes_it()
    {
        await using var site = Site(pageSize: 3);
        var written = new List<IReadOnlyList<string>>();
        for (var day = 1; day <= 11; day++)
        {
            var result = await PublishAsync(site, $"s{day}", "author: Ana Author", day, Ana);
            written.Add(result.PagesWritten.Where(p => p.StartsWith("authors/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
        }

        // Three to a page. The tenth post filled a page: archive page 3 opened and page 2's "newer" link moved; page 1
        // was not touched. The eleventh filled nothing: only the front page and the feed.
        Assert.Equal(["authors/ana-author/feed.xml", "authors/ana-author/index.html", "authors/ana-author/page/2/index.html", "authors/ana-author/page/3/index.html"], written[9]);
        Assert.Equal(["authors/ana-author/feed.xml", "authors/ana-author/index.html"], written[10]);
        await AssertAsARepublishMakesThemAsync(site);

        // An old post withdrawn moves every archive page after it: they are all rendered again.
        await site.GetRequiredService<PostWithdrawal>().UnpublishAsync("s1", Ana);
        Assert.DoesNotContain("Story s1", Pages(site)["authors/ana-author/page/1/index.html"], StringComparison.Ordinal);
        await AssertAsARepublishMakesThemAsync(site);
    }

    private static async Task AssertAsARepublishMakesThemAsync(ServiceProvider site)
    {
        var before = Pages(site).Where(p => p.Key.StartsWith("authors/", StringComparison.Ordinal)).ToDictionary();
        var republisher = site.GetRequiredService<Publishing.Republishing.SiteRepublisher>();
        await republisher.StartAsync("the test", CancellationToken.None);
        await site.GetRequiredService<InMemoryRepublishDispatcher>().RunAsync(republisher, CancellationToken.None);
        var after = Pages(site).Where(p => p.Key.StartsWith("authors/", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, p => Assert.True(p.Value == after[p.Key], $"{p.Key} differs from what a republish makes"));
    }

    [Fact]
    public async Task A_post_without_a_byline_is_credited_to_its_owners_profile_and_keeps_it_when_rendered_again()
    {
        await using var site = Site();
        Assert.Equal(PublishStatus.Created, (await PublishAsync(site, "own", string.Empty, 1, Ana)).Status);

        var record = (await site.GetRequiredService<IPostIndex>().GetAsync("own", CancellationToken.None))!;
        Assert.Equal("Ana Author", record.Author);
        var article = Pages(site).Single(p => p.Key.EndsWith("/own/index.html", StringComparison.Ordinal)).Value;
        Assert.Contains("<a class=\"author\" href=\"/authors/ana-author/\" rel=\"author\">Ana Author</a>", article, StringComparison.Ordinal);
        Assert.Contains("Story own", Pages(site)["authors/ana-author/index.html"], StringComparison.Ordinal);

        // Rendered again from the stored source (which has no byline), as a republish does: the same page.
        var rendered = await site.GetRequiredService<StoredArticleRenderer>().RenderAsync(record, [], CancellationToken.None);
        Assert.Contains("<a class=\"author\" href=\"/authors/ana-author/\" rel=\"author\">Ana Author</a>", Encoding.UTF8.GetString(rendered!.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_Editor_credits_a_post_to_another_person_who_signs_in()
    {
        await using var site = Site();

        // Boris may not put Ana's name on his post; a free-text byline (no profile of a person) he may.
        var refused = await PublishAsync(site, "borrowed", "author: Ana Author", 1, Boris);
        Assert.Equal(PublishStatus.Forbidden, refused.Status);
        Assert.Contains("names Ana Author, who signs in as someone else; only an Editor", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);
        Assert.Null(await site.GetRequiredService<IPostIndex>().GetAsync("borrowed", CancellationToken.None));
        Assert.Equal(PublishStatus.Created, (await PublishAsync(site, "agency", "author: Staff and agencies", 2, Boris)).Status);
        Assert.Equal(PublishStatus.Created, (await PublishAsync(site, "shared", "authors: [Boris Brown, Staff and agencies]", 3, Boris)).Status);

        // An Editor may, and the audit trail has Boris's refused attempt.
        Assert.Equal(PublishStatus.Created, (await PublishAsync(site, "borrowed", "author: Ana Author", 1, TestCallers.Editor)).Status);
        var audit = await site.GetRequiredService<IAuditTrail>().ReadAsync(new AuditQuery(Subject: "borrowed"), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains(audit, e => e.Outcome == "forbidden" && e.CallerId == Boris.Id);
    }
}
