using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>
/// What every <see cref="IPostIndex"/> does: a record per post versioned by its changes, lists newest first with counts
/// and change counters that pages are versioned by, tags and months with their counts, and the changes due.
/// Dates are at noon UTC in the middle of a month, so the site's time zone does not move a post to another month.
/// </summary>
public abstract class PostIndexContract : PortContract<IPostIndex>
{
    protected static PostRecord Record(string slug, int day, params string[] tags) => new()
    {
        Slug = slug,
        Title = "Title of " + slug,
        Date = new DateTimeOffset(2025, 5, day, 12, 0, 0, TimeSpan.Zero),
        Modified = new DateTimeOffset(2025, 5, day, 12, 0, 0, TimeSpan.Zero),
        Tags = tags.Select(t => Tag.From(t)!).ToList(),
        SourceName = slug + ".md",
        ContentHash = "hash-" + slug,
    };

    [Fact]
    public async Task A_new_post_is_version_one_and_in_the_latest_list_its_month_and_its_tags()
    {
        var delta = await Port.SaveAsync(Record("a", 14, "Politics"), None);

        Assert.Null(delta.Old);
        Assert.Equal(1, delta.New.Version);
        Assert.True(delta.RecordChanged);
        Assert.Equal(
            new[] { PostList.Latest, PostList.Month(2025, 5), PostList.Tag("politics") }.Select(l => l.Key).Order(),
            delta.ChangedLists.Select(l => l.Key).Order());
        Assert.Equal(delta.ChangedLists.Select(l => l.Key).Order(), delta.RecountedLists.Select(l => l.Key).Order());
        Assert.Equal("Title of a", (await Port.GetAsync("a", None))!.Title);
        Assert.Equal("a", await Port.SlugOfSourceAsync("a.md", None));

        var latest = await Port.ListAsync(PostList.Latest, 10, None);
        Assert.Equal((1, "a"), (latest.Count, latest.Posts.Single().Slug));
        Assert.Equal(new TagCount(new Tag("Politics", "politics"), 1), Assert.Single((await Port.TagsAsync(None)).Items));
        var month = Assert.Single((await Port.MonthsAsync(None)).Items);
        Assert.Equal((2025, 5, 1), (month.Year, month.Month, month.Count));
    }

    [Fact]
    public async Task Saving_the_same_record_again_changes_nothing()
    {
        await Port.SaveAsync(Record("a", 14, "Politics"), None);
        var seq = (await Port.ListAsync(PostList.Latest, 10, None)).Seq;

        var again = await Port.SaveAsync(Record("a", 14, "Politics"), None);

        Assert.False(again.RecordChanged);
        Assert.Equal(1, again.New.Version);
        Assert.Empty(again.ChangedLists);
        Assert.Equal(seq, (await Port.ListAsync(PostList.Latest, 10, None)).Seq);
    }

    [Fact]
    public async Task An_edit_is_a_new_version_that_changes_its_lists_counters_but_not_their_counts()
    {
        await Port.SaveAsync(Record("a", 14, "Politics"), None);
        var before = await Port.ListAsync(PostList.Tag("politics"), 10, None);
        var tagsBefore = (await Port.TagsAsync(None)).Seq;

        var edit = await Port.SaveAsync(Record("a", 14, "Politics") with { Title = "New title" }, None);

        Assert.Equal(2, edit.New.Version);
        Assert.Contains(PostList.Tag("politics"), edit.ChangedLists);
        Assert.Empty(edit.RecountedLists);
        var after = await Port.ListAsync(PostList.Tag("politics"), 10, None);
        Assert.True(after.Seq > before.Seq);
        Assert.Equal((1, "New title"), (after.Count, after.Posts.Single().Title));
        Assert.True((await Port.TagsAsync(None)).Seq > tagsBefore, "the tags' counter grows with any of their lists'");
    }

    [Fact]
    public async Task Lists_are_newest_first_and_a_read_takes_the_newest_it_asks_for_with_the_whole_count()
    {
        foreach (var day in new[] { 11, 15, 13, 12, 14 })
        {
            await Port.SaveAsync(Record("p" + day, day, "Politics"), None);
        }

        var head = await Port.ListAsync(PostList.Latest, 2, None);

        Assert.Equal(["p15", "p14"], head.Posts.Select(p => p.Slug));
        Assert.Equal(5, head.Count);
        Assert.Equal(["p15", "p14", "p13", "p12", "p11"], (await Port.ListAsync(PostList.Month(2025, 5), int.MaxValue, None)).Posts.Select(p => p.Slug));
        Assert.Equal(0, (await Port.ListAsync(PostList.Tag("nothing"), 10, None)).Count);
    }

    [Fact]
    public async Task A_withdrawn_post_leaves_every_list_and_a_tag_without_posts_is_not_listed()
    {
        await Port.SaveAsync(Record("a", 14, "Politics", "Türkiye"), None);
        await Port.SaveAsync(Record("b", 15, "Politics"), None);
        var tagsSeq = (await Port.TagsAsync(None)).Seq;

        var delta = await Port.SaveAsync(Record("a", 14, "Politics", "Türkiye") with { Status = PostStatus.Unpublished }, None);

        Assert.Contains(PostList.Tag("turkiye"), delta.RecountedLists);
        Assert.Equal(["b"], (await Port.ListAsync(PostList.Latest, 10, None)).Posts.Select(p => p.Slug));
        Assert.Equal(["Politics"], (await Port.TagsAsync(None)).Items.Select(t => t.Tag.Name));
        Assert.True((await Port.TagsAsync(None)).Seq > tagsSeq);
        Assert.Equal(PostStatus.Unpublished, (await Port.GetAsync("a", None))!.Status);
    }

    [Fact]
    public async Task A_tag_keeps_the_spelling_it_was_first_published_with()
    {
        await Port.SaveAsync(Record("a", 14, "Türkiye"), None);
        await Port.SaveAsync(Record("b", 15, "TÜRKİYE"), None);

        var tag = Assert.Single((await Port.TagsAsync(None)).Items);
        Assert.Equal(("Türkiye", 2), (tag.Tag.Name, tag.Count));
    }

    [Fact]
    public async Task A_scheduled_post_is_due_at_its_time_and_forgotten_when_asked()
    {
        var at = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        await Port.SaveAsync(Record("s", 14) with { Status = PostStatus.Scheduled, GoesLiveAt = at }, None);

        Assert.Empty(await Port.DueAsync(at.AddSeconds(-1), 10, None));
        var due = Assert.Single(await Port.DueAsync(at, 10, None));
        Assert.Equal(("s", at), (due.Slug, due.At));

        await Port.ForgetAsync(due, None);
        Assert.Empty(await Port.DueAsync(at, 10, None));
    }

    [Fact]
    public async Task Records_are_read_whole_and_by_range_in_ordinal_order_of_their_slugs()
    {
        foreach (var slug in new[] { "b", "a", "c", "B" })
        {
            await Port.SaveAsync(Record(slug, 14), None);
        }

        Assert.Equal(["B", "a", "b", "c"], await Port.AllAsync(None).Select(r => r.Slug).ToListAsync());
        Assert.Equal(["a", "b"], (await Port.RangeAsync("a", "b", None)).Select(r => r.Slug));
    }
}
