using System.Text.RegularExpressions;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Tests.Edge;

namespace CovalentBond.Publishing.Tests.Related;

/// <summary>
/// Up to four related stories under each article: most shared tags first, then the newest; after a publish the articles
/// that should now suggest the new story do, and after a withdrawal no article of its neighbours still links to it.
/// </summary>
public sealed partial class RelatedStoriesTests
{
    private static readonly TimeSpan Belgrade = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Now = new(2025, 8, 20, 12, 0, 0, Belgrade);

    private static PostSummary Summary(string slug, int day, params string[] tags) =>
        new(slug, "Story " + slug, null, new DateTimeOffset(2025, 8, day, 9, 0, 0, Belgrade)) { Tags = tags.Select(t => Tag.From(t)!).ToList() };

    [Fact]
    public void The_most_shared_tags_come_first_then_the_newest_and_never_the_story_itself()
    {
        var pool = new[]
        {
            Summary("both-old", 1, "Trade", "Asia"),
            Summary("trade-new", 9, "Trade"),
            Summary("asia-newer", 10, "Asia"),
            Summary("both-new", 5, "Trade", "Asia", "USA"),
            Summary("unrelated", 11, "Sport"),
            Summary("trade-old", 2, "Trade"),
            Summary("self", 12, "Trade", "Asia"),
            Summary("trade-new", 9, "Trade"), // a post in two tags' heads counts once
        };

        var related = RelatedStories.Pick("self", [Tag.From("Trade")!, Tag.From("Asia")!], pool);

        Assert.Equal(["both-new", "both-old", "asia-newer", "trade-new"], related.Select(p => p.Slug));
        Assert.Empty(RelatedStories.Pick("self", Array.Empty<Tag>(), pool));
    }

    [GeneratedRegex("""<section class="related"[\s\S]*?</section>""")]
    private static partial Regex RelatedSection();

    private static List<string> RelatedOf(EdgeNewsroom site, string slug)
    {
        var html = System.Text.Encoding.UTF8.GetString(site.Site.Files[$"posts/{slug}/index.html"].Content);
        var section = RelatedSection().Match(html);
        return section.Success ? Regex.Matches(section.Value, """href="/posts/([^/]+)/""").Select(m => m.Groups[1].Value).ToList() : [];
    }

    private static Task<PublishResult> PublishAsync(EdgeNewsroom site, string slug, int day, string tags) =>
        site.PublishAsync(slug, new DateTimeOffset(2025, 8, day, 9, 0, 0, Belgrade), $"tags: [{tags}]");

    [Fact]
    public async Task A_new_story_joins_the_related_stories_of_its_neighbours_and_leaves_them_when_withdrawn()
    {
        await using var site = new EdgeNewsroom(Now);
        await site.Get<PostPublisher>().PublishAsync(PostUpload.FromHttp(System.Text.Encoding.UTF8.GetBytes("---\ntitle: Lonely\ndate: 2025-08-01T09:00:00+02:00\n---\nNo tags."), "lonely", EdgeNewsroom.Editor));
        await PublishAsync(site, "a", 1, "Ports, Asia");
        await PublishAsync(site, "b", 2, "Ports");
        await PublishAsync(site, "c", 3, "Asia");
        await PublishAsync(site, "d", 4, "Ports, Asia");

        Assert.Equal(["a", "c", "b"], RelatedOf(site, "d"));
        Assert.Empty(RelatedOf(site, "lonely"));

        // E shares both tags and is the newest: it leads the related stories of its neighbours, written by E's publish.
        await PublishAsync(site, "e", 5, "Ports, Asia");
        Assert.Equal(["d", "a", "c", "b"], RelatedOf(site, "e"));
        Assert.Equal("e", RelatedOf(site, "d")[0]);
        Assert.Equal("e", RelatedOf(site, "a")[0]);

        // Withdrawn: its neighbours' pages no longer link to it.
        Assert.False((await site.Get<PostWithdrawal>().UnpublishAsync("e", EdgeNewsroom.Editor))!.IsRefused);
        foreach (var slug in new[] { "a", "b", "c", "d" })
        {
            Assert.DoesNotContain("e", RelatedOf(site, slug));
        }

        Assert.Equal(["a", "c", "b"], RelatedOf(site, "d"));
    }
}
