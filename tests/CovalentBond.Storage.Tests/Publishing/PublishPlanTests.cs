using System.Text;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Publishing;

/// <summary>
/// Each kind of change writes exactly the pages that show it, and a second delivery of the same change
/// writes nothing. The site starts with A (May, tags X and Y), B (May, tag Y) and C (June, tag Z).
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishPlanTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite site = null!;

    private static string Post(string title, string date, string tags, string body = "Body.") =>
        $"---\ntitle: {title}\ndate: {date}\nauthor: Michael K.\nsubtitle: About {title}\ntags: [{tags}]\n---\n{body}\n";

    public async Task InitializeAsync()
    {
        site = await TestSite.CreateAsync(azurite.ConnectionString);
        await PublishAsync("a", Post("A", "2025-05-10", "X, Y"));
        await PublishAsync("b", Post("B", "2025-05-15", "Y"));
        await PublishAsync("c", Post("C", "2025-06-01", "Z"));
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private async Task<PublishResult?> PublishAsync(string slug, string text) =>
        await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(text), slug, TestCallers.Editor));

    /// <summary>Runs a change, checks what it wrote, then runs it again and checks that nothing is written.</summary>
    private async Task AssertChangeWritesAsync(Func<Task<PublishResult?>> change, params string[] expected)
    {
        var first = (await change())!;
        Assert.Equal(expected.Order(StringComparer.Ordinal), first.PagesWritten.Order(StringComparer.Ordinal));

        var before = await site.SnapshotAsync();
        var second = (await change())!;
        Assert.Empty(second.PagesWritten);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    private static readonly string[] TagX = ["tags/x/index.html", "tags/x/feed.xml"];
    private static readonly string[] TagY = ["tags/y/index.html", "tags/y/feed.xml"];
    private static readonly string[] TagZ = ["tags/z/index.html", "tags/z/feed.xml"];
    private static readonly string[] Latest = ["index.html", "feed.xml", "atom.xml"];
    private static readonly string[] Author = ["authors/michael-k/index.html", "authors/michael-k/feed.xml"];

    [Fact]
    public Task A_new_post_writes_its_page_its_lists_and_the_counts() =>
        AssertChangeWritesAsync(
            () => PublishAsync("d", Post("D", "2025-06-05", "X")),
            ["posts/d/index.html", .. Latest, .. TagX, .. Author, "tags/index.html",
             "archives/2025/06/index.html", "sitemaps/posts-2025-06.xml", "sitemap.xml",
             "posts/a/index.html"]); // A shares tag X: D is among its related stories now

    [Fact]
    public async Task A_new_post_with_three_tags_by_one_author_costs_at_most_8_plus_2_per_tag_2_per_author_and_its_4_nearest_neighbours_blob_writes_into_a_busy_site()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        var requests = new StorageRequests();
        await using var counted = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.AddSingleton(requests.Clients(azurite.ConnectionString)));
        for (var i = 0; i < 12; i++)
        {
            Assert.NotNull(await counted.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Post($"Old {i}", $"2025-0{(i % 3) + 4}-1{i % 9}", "X, Y, Z")), $"old-{i}", TestCallers.Editor)));
        }

        // New posts into months and tags that hold posts already: the archives' index, the year page and the list
        // pages' sitemap keep their bytes, and must cost nothing (not even their versions moved).
        var site1 = settings["Storage:SiteContainer"]!;
        foreach (var (slug, date) in new[] { ("new-1", "2025-05-20"), ("new-2", "2025-06-21"), ("new-3", "2025-04-22") })
        {
            requests.Take();
            Assert.NotNull(await counted.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Post(slug, date, "X, Y, Z")), slug, TestCallers.Editor)));
            var writes = requests.Take().Where(r => r.Method == "PUT" && StorageRequests.IsBlobOf(r, site1)).Select(r => r.Uri.PathAndQuery).ToList();
            Assert.True(writes.Count <= 8 + (2 * 3) + 2 + CovalentBond.Publishing.Pages.RelatedStories.Count, $"{slug}: {writes.Count} blob writes: {string.Join(", ", writes)}");
        }
    }

    [Fact]
    public async Task A_body_edit_writes_only_the_article()
    {
        await PublishAsync("d", Post("D", "2025-06-05", "X"));

        await AssertChangeWritesAsync(() => PublishAsync("d", Post("D", "2025-06-05", "X", body: "A better body.")), "posts/d/index.html");
    }

    [Fact]
    public async Task A_title_edit_writes_every_list_that_shows_the_title()
    {
        await PublishAsync("d", Post("D", "2025-06-05", "X"));

        await AssertChangeWritesAsync(
            () => PublishAsync("d", Post("D renamed", "2025-06-05", "X")),
            ["posts/d/index.html", .. Latest, .. TagX, .. Author, "archives/2025/06/index.html", "posts/a/index.html"]);
    }

    [Fact]
    public async Task A_tag_change_writes_the_old_and_new_tags_and_the_counts()
    {
        await PublishAsync("d", Post("D", "2025-06-05", "X"));

        await AssertChangeWritesAsync(
            () => PublishAsync("d", Post("D", "2025-06-05", "Z")),
            ["posts/d/index.html", "feed.xml", "atom.xml", .. TagX, .. TagZ, "authors/michael-k/feed.xml", "tags/index.html", "posts/a/index.html", "posts/c/index.html"]);
    }

    [Fact]
    public async Task A_date_change_moves_the_post_between_months()
    {
        await PublishAsync("d", Post("D", "2025-06-05", "X"));

        await AssertChangeWritesAsync(
            () => PublishAsync("d", Post("D", "2025-05-20", "X")),
            ["posts/d/index.html", .. Latest, .. TagX, .. Author,
             "archives/2025/05/index.html", "sitemaps/posts-2025-05.xml", "archives/2025/06/index.html", "sitemaps/posts-2025-06.xml",
             "sitemap.xml", "posts/a/index.html"]);
    }

    [Fact]
    public async Task A_post_in_a_new_month_and_tag_adds_them_to_the_indexes_and_sitemaps()
    {
        await AssertChangeWritesAsync(
            () => PublishAsync("e", Post("E", "2025-07-01", "New Tag")),
            ["posts/e/index.html", .. Latest, .. Author, "tags/new-tag/index.html", "tags/new-tag/feed.xml", "tags/index.html",
             "archives/2025/07/index.html", "sitemaps/posts-2025-07.xml", "archives/index.html", "archives/2025/index.html", "sitemap.xml", "sitemaps/pages.xml"]);
    }

    [Fact]
    public async Task Unpublishing_removes_the_page_and_every_list_entry_and_keeps_the_source()
    {
        await AssertChangeWritesAsync(
            () => site.Withdrawal.UnpublishAsync("c", TestCallers.Editor),
            ["posts/c/index.html", .. Latest, .. TagZ, .. Author, "tags/index.html",
             "archives/2025/06/index.html", "sitemaps/posts-2025-06.xml", "archives/index.html", "archives/2025/index.html", "sitemap.xml", "sitemaps/pages.xml"]);

        Assert.Null(await site.ReadSiteTextAsync("posts/c/index.html"));
        Assert.Null(await site.ReadSiteTextAsync("tags/z/index.html"));
        Assert.DoesNotContain("/posts/c/", await site.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
        Assert.True(await site.Sources.GetBlobClient("c.md").ExistsAsync());
    }

    [Fact]
    public async Task A_deleted_post_answers_gone_and_a_late_delivery_does_not_bring_it_back()
    {
        await site.Withdrawal.DeleteAsync("b", TestCallers.Editor);

        Assert.Contains("This article has been removed", await site.ReadSiteTextAsync("posts/b/index.html"), StringComparison.Ordinal);
        Assert.DoesNotContain("/posts/b/", await site.ReadSiteTextAsync("tags/y/index.html"), StringComparison.Ordinal);

        var late = await PublishAsync("b", Post("B", "2025-05-15", "Y"));
        Assert.Equal(PostStatus.Deleted, late!.PostStatus);
        Assert.Contains("This article has been removed", await site.ReadSiteTextAsync("posts/b/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_brings_a_deleted_post_back_everywhere()
    {
        var before = await site.ReadSiteTextAsync("tags/y/index.html");
        await site.Withdrawal.DeleteAsync("b", TestCallers.Editor);

        var restored = await site.Restorer.RestoreAsync("b", TestCallers.Editor);

        Assert.Equal(PostStatus.Published, restored!.PostStatus);
        Assert.Contains("<h1>B</h1>", await site.ReadSiteTextAsync("posts/b/index.html"), StringComparison.Ordinal);
        Assert.Equal(before, await site.ReadSiteTextAsync("tags/y/index.html"));
    }

    [Fact]
    public async Task A_scheduled_post_is_indexed_but_shown_nowhere()
    {
        var result = await PublishAsync("later", Post("Later", "2099-01-01T09:00:00+01:00", "X"));

        Assert.Equal(PostStatus.Scheduled, result!.PostStatus);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 9, 0, 0, TimeSpan.FromHours(1)), result.GoesLiveAt);
        Assert.Null(await site.ReadSiteTextAsync("posts/later/index.html"));
        Assert.DoesNotContain("later", await site.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_gets_a_redirect_page_and_loses_it_when_dropped()
    {
        await PublishAsync("d", Post("D", "2025-06-05", "X").Replace("tags: [X]", "tags: [X]\naliases: [/old/d/]", StringComparison.Ordinal));
        Assert.Contains("url=https://covalentbond.example/posts/d/", await site.ReadSiteTextAsync("old/d/index.html"), StringComparison.Ordinal);

        await PublishAsync("d", Post("D", "2025-06-05", "X"));

        Assert.Null(await site.ReadSiteTextAsync("old/d/index.html"));
    }

    [Fact]
    public async Task An_alias_at_another_posts_address_is_a_conflict_while_that_post_exists_even_unpublished()
    {
        // "a" is live: an alias at its address is refused by the publisher (409 naming it), not written over its article.
        var withAlias = Post("D", "2025-06-05", "X").Replace("tags: [X]", "tags: [X]\naliases: [/posts/a/]", StringComparison.Ordinal);
        var refused = await PublishAsync("d", withAlias);
        Assert.Equal(PublishStatus.Conflict, refused!.Status);
        Assert.Contains("the post 'a'", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("<h1>A</h1>", await site.ReadSiteTextAsync("posts/a/index.html"), StringComparison.Ordinal);

        // Every address has one owner: an unpublished post keeps its own (a restore brings its page back there).
        await site.Withdrawal.UnpublishAsync("a", TestCallers.Editor);
        Assert.Equal(PublishStatus.Conflict, (await PublishAsync("d", withAlias))!.Status);
        Assert.Equal(PublishStatus.Updated, (await site.Restorer.RestoreAsync("a", TestCallers.Editor))!.Status);
        Assert.Contains("<h1>A</h1>", await site.ReadSiteTextAsync("posts/a/index.html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tags/x/")]
    [InlineData("/archives/2025/")]
    [InlineData("/sitemaps/")]
    public async Task An_alias_in_a_folder_the_site_writes_itself_is_refused_with_its_line(string alias)
    {
        var result = await PublishAsync("d", Post("D", "2025-06-05", "X").Replace("tags: [X]", $"tags: [X]\naliases: [{alias}]", StringComparison.Ordinal));

        Assert.Equal(PublishStatus.Invalid, result!.Status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("aliases", problem.Field);
        Assert.Equal(7, problem.Line);
        Assert.Contains("holds: a post cannot replace it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slug_rename_moves_the_post_and_the_old_address_redirects()
    {
        var original = Post("D", "2025-06-05", "X").Replace("tags: [X]", "tags: [X]\nslug: d-old", StringComparison.Ordinal);
        await site.Publisher.PublishAsync(PostUpload.FromFile(Encoding.UTF8.GetBytes(original), "d.md", TestCallers.Editor));
        var renamed = original.Replace("slug: d-old", "slug: d-new", StringComparison.Ordinal);

        await AssertChangeWritesAsync(
            () => site.Publisher.PublishAsync(PostUpload.FromFile(Encoding.UTF8.GetBytes(renamed), "d.md", TestCallers.Editor))!,
            ["posts/d-new/index.html", "posts/d-old/index.html", .. Latest, .. TagX, .. Author, "archives/2025/06/index.html", "sitemaps/posts-2025-06.xml", "sitemap.xml",
             "posts/a/index.html"]);

        Assert.Contains("url=https://covalentbond.example/posts/d-new/", await site.ReadSiteTextAsync("posts/d-old/index.html"), StringComparison.Ordinal);
        var home = await site.ReadSiteTextAsync("index.html");
        Assert.Contains("/posts/d-new/", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/posts/d-old/", home, StringComparison.Ordinal);
        Assert.Equal(PostStatus.Moved, (await site.Services.GetRequiredService<IPostIndex>().GetAsync("d-old", default))!.Status);
    }
}
