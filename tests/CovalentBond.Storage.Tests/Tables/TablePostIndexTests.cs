using Azure.Data.Tables;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Publishing;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TablePostIndexTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite site = null!;

    private IPostIndex Index => site.Services.GetRequiredService<IPostIndex>();

    public async Task InitializeAsync() => site = await TestSite.CreateAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static IndexedPost Post(string slug, int day, string title = "Title", string hash = "h") => new()
    {
        Slug = slug,
        Title = title,
        Subtitle = "Sub",
        Author = "Michael K.",
        Date = new DateTimeOffset(2025, 5, day, 0, 0, 0, TimeSpan.FromHours(2)),
        Tags = [Tag.From("Türkiye")!, Tag.From("EU")!],
        SourceName = slug + ".md",
        ContentHash = hash,
    };

    private async Task<List<string>> LatestRowsAsync()
    {
        var rows = new List<string>();
        await foreach (var row in site.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "latest"))
        {
            rows.Add(row.GetString("Slug"));
        }

        return rows;
    }

    [Fact]
    public async Task A_record_round_trips_with_its_offset_and_tags()
    {
        await Index.SaveAsync(Post("a", 20), default);

        var read = await Index.GetAsync("a", default);

        Assert.True(read!.SameAs(Post("a", 20)));
        Assert.Equal(TimeSpan.FromHours(2), read.Date.Offset);
    }

    [Fact]
    public async Task Saves_say_created_updated_or_unchanged()
    {
        Assert.Equal(IndexChange.Created, await Index.SaveAsync(Post("a", 20), default));
        Assert.Equal(IndexChange.Unchanged, await Index.SaveAsync(Post("a", 20), default));
        Assert.Equal(IndexChange.Updated, await Index.SaveAsync(Post("a", 20, hash: "h2"), default));
    }

    [Fact]
    public async Task Latest_lists_newest_first_and_honours_the_count()
    {
        await Index.SaveAsync(Post("middle", 15), default);
        await Index.SaveAsync(Post("newest", 20), default);
        await Index.SaveAsync(Post("oldest", 1), default);

        Assert.Equal(["newest", "middle", "oldest"], (await Index.LatestAsync(10, default)).Select(p => p.Slug));
        Assert.Equal(["newest", "middle"], (await Index.LatestAsync(2, default)).Select(p => p.Slug));
    }

    [Fact]
    public async Task Changing_a_date_moves_the_post_in_the_list_and_leaves_no_old_entry()
    {
        await Index.SaveAsync(Post("a", 10), default);
        await Index.SaveAsync(Post("b", 15), default);

        await Index.SaveAsync(Post("a", 20), default);

        Assert.Equal(["a", "b"], await LatestRowsAsync());
    }

    [Fact]
    public async Task Concurrent_first_saves_of_different_posts_are_all_kept()
    {
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Index.SaveAsync(Post($"p{i}", i), default)));

        Assert.Equal(20, (await Index.LatestAsync(100, default)).Count);
    }
}
