using Azure.Data.Tables;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Tables;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TablePostIndexTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite site = null!;

    private IPostIndex Index => site.Services.GetRequiredService<IPostIndex>();

    public async Task InitializeAsync() => site = await TestSite.CreateAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static PostRecord Post(string slug, int day, string[]? tags = null, string hash = "h", PostStatus status = PostStatus.Published, int month = 5) => new()
    {
        Slug = slug,
        Title = "Title " + slug,
        Subtitle = "Sub",
        Author = "Michael K.",
        Date = new DateTimeOffset(2025, month, day, 12, 0, 0, TimeSpan.FromHours(2)),
        Modified = new DateTimeOffset(2025, month, day, 12, 0, 0, TimeSpan.FromHours(2)),
        Tags = (tags ?? ["Türkiye", "EU"]).Select(t => Tag.From(t)!).ToList(),
        SourceName = slug + ".md",
        ContentHash = hash,
        Status = status,
    };

    /// <summary>Every row of a list partition except its counter, as slugs.</summary>
    private async Task<List<string>> RowsAsync(PostList list)
    {
        var rows = new List<string>();
        await foreach (var row in site.Index.QueryAsync<TableEntity>(e => e.PartitionKey == list.Key && e.RowKey != "~"))
        {
            rows.Add(row.GetString("Slug"));
        }

        return rows;
    }

    [Fact]
    public async Task A_record_round_trips_with_its_offset_tags_and_version()
    {
        await Index.SaveAsync(Post("a", 20), default);

        var read = await Index.GetAsync("a", default);

        Assert.True(read!.SameAs(Post("a", 20)));
        Assert.Equal(TimeSpan.FromHours(2), read.Date.Offset);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Saving_the_same_record_again_changes_nothing()
    {
        var first = await Index.SaveAsync(Post("a", 20), default);
        var second = await Index.SaveAsync(Post("a", 20), default);
        var edit = await Index.SaveAsync(Post("a", 20, hash: "h2"), default);

        Assert.Null(first.Old);
        Assert.Equal(5, first.ChangedLists.Count); // latest, the month, two tags, the author
        Assert.False(second.RecordChanged);
        Assert.Empty(second.ChangedLists);
        Assert.Equal(1, second.New.Version);
        Assert.True(edit.RecordChanged);
        Assert.Equal(2, edit.New.Version);
    }

    [Fact]
    public async Task Lists_are_newest_first_with_counts()
    {
        await Index.SaveAsync(Post("middle", 15), default);
        await Index.SaveAsync(Post("newest", 20, ["EU"]), default);
        await Index.SaveAsync(Post("oldest", 1), default);

        var latest = await Index.ListAsync(PostList.Latest, 10, default);
        Assert.Equal(["newest", "middle", "oldest"], latest.Posts.Select(p => p.Slug));
        Assert.Equal(3, latest.Count);
        Assert.Equal(["newest", "middle"], (await Index.ListAsync(PostList.Latest, 2, default)).Posts.Select(p => p.Slug));
        Assert.Equal(["middle", "oldest"], (await Index.ListAsync(PostList.Tag("turkiye"), 10, default)).Posts.Select(p => p.Slug));

        var tags = await Index.TagsAsync(default);
        Assert.Equal([("eu", 3), ("turkiye", 2)], tags.Items.Select(t => (t.Tag.Slug, t.Count)).Order());
        Assert.Equal("Türkiye", tags.Items.Single(t => t.Tag.Slug == "turkiye").Tag.Name);
        var months = await Index.MonthsAsync(default);
        Assert.Equal((2025, 5, 3), months.Items.Select(m => (m.Year, m.Month, m.Count)).Single());
    }

    [Fact]
    public async Task Changing_a_date_and_tags_moves_the_post_and_leaves_no_old_entry()
    {
        await Index.SaveAsync(Post("a", 10), default);
        await Index.SaveAsync(Post("b", 15), default);

        var delta = await Index.SaveAsync(Post("a", 20, ["EU", "Serbia"], month: 6), default);

        Assert.Equal(["a", "b"], await RowsAsync(PostList.Latest));
        Assert.Equal(["b"], await RowsAsync(PostList.Tag("turkiye")));
        Assert.Equal(["a"], await RowsAsync(PostList.Tag("serbia")));
        Assert.Equal(["b"], await RowsAsync(PostList.Month(2025, 5)));
        Assert.Equal(["a"], await RowsAsync(PostList.Month(2025, 6)));
        Assert.Contains(PostList.Tag("turkiye"), delta.RecountedLists);
        Assert.Equal([(2025, 5, 1), (2025, 6, 1)], (await Index.MonthsAsync(default)).Items.Select(m => (m.Year, m.Month, m.Count)).Order());
    }

    [Fact]
    public async Task A_post_taken_off_the_site_leaves_every_list_and_a_tag_without_posts_disappears()
    {
        await Index.SaveAsync(Post("a", 10, ["Only A"]), default);

        await Index.SaveAsync(Post("a", 10, ["Only A"], status: PostStatus.Unpublished), default);

        Assert.Empty(await RowsAsync(PostList.Latest));
        Assert.Empty(await RowsAsync(PostList.Tag("only-a")));
        Assert.Empty((await Index.TagsAsync(default)).Items);
        Assert.Empty((await Index.MonthsAsync(default)).Items);
        Assert.Equal(PostStatus.Unpublished, (await Index.GetAsync("a", default))!.Status);
    }

    [Fact]
    public async Task Concurrent_saves_of_different_posts_are_all_counted()
    {
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => Index.SaveAsync(Post($"p{i}", (i % 28) + 1, [$"T{i % 3}", "EU"]), default)));

        Assert.Equal(30, (await Index.ListAsync(PostList.Latest, 100, default)).Count);
        var tags = (await Index.TagsAsync(default)).Items.ToDictionary(t => t.Tag.Slug, t => t.Count);
        Assert.Equal(30, tags["eu"]);
        Assert.Equal(30, tags["t0"] + tags["t1"] + tags["t2"]);
        Assert.Equal(30, (await RowsAsync(PostList.Tag("eu"))).Count);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_post_leave_exactly_the_rows_of_the_final_record()
    {
        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Index.SaveAsync(Post("same", i, [$"Tag{i}"], hash: $"h{i}"), default)));

        var final = (await Index.GetAsync("same", default))!;
        Assert.Equal(["same"], await RowsAsync(PostList.Latest));
        var tagged = (await Index.TagsAsync(default)).Items;
        Assert.Equal(final.Tags[0].Slug, Assert.Single(tagged).Tag.Slug);
        Assert.Equal(1, (await Index.ListAsync(PostList.Latest, 10, default)).Count);
        Assert.Equal(final.Date, (await Index.ListAsync(PostList.Latest, 10, default)).Posts.Single().Date);
    }

    [Fact]
    public async Task The_list_head_stays_the_newest_rows_past_its_size_through_removals_and_moves()
    {
        // More posts than the counter row keeps, so removals must pull the next row up into the head.
        var posts = Enumerable.Range(0, 130).Select(i => Post($"p{i:D3}", (i % 28) + 1, ["EU"], month: 1 + (i / 28))).ToList();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(posts.Select(async p => { await gate.WaitAsync(); try { await Index.SaveAsync(p, default); } finally { gate.Release(); } }));

        // Take some of the newest off the site and move one old post to the front.
        foreach (var slug in new[] { "p129", "p120", "p101" })
        {
            var record = (await Index.GetAsync(slug, default))!;
            await Index.SaveAsync(record with { Status = PostStatus.Unpublished }, default);
        }

        await Index.SaveAsync(Post("p000", 28, ["EU"], hash: "moved", month: 12), default);

        var expected = new List<string>();
        await foreach (var row in site.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "latest" && e.RowKey != "~"))
        {
            expected.Add(row.GetString("Slug"));
        }

        // The counter row holds the first 100 rows itself, so reading them needs no query.
        var counter = (await site.Index.GetEntityAsync<TableEntity>("latest", "~")).Value;
        Assert.Equal(expected.Take(100), CovalentBond.Storage.Tables.ListHead.Read(counter)!.Select(e => e.Summary.Slug));

        var head = await Index.ListAsync(PostList.Latest, 100, default);
        Assert.Equal(127, head.Count);
        Assert.Equal("p000", head.Posts[0].Slug);
        Assert.Equal(expected.Take(100), head.Posts.Select(p => p.Slug));
        Assert.Equal(expected.Take(50), (await Index.ListAsync(PostList.Tag("eu"), 50, default)).Posts.Select(p => p.Slug));
        Assert.Equal(expected, (await Index.ListAsync(PostList.Latest, 1000, default)).Posts.Select(p => p.Slug));
    }
}
