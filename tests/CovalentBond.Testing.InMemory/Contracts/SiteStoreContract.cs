using System.Text;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="ISiteStore"/> does: pages carry the index state they were rendered from, and an older render never replaces a newer one.</summary>
public abstract class SiteStoreContract : PortContract<ISiteStore>
{
    private static SitePage Page(string path, string text, string cache = "public, max-age=60") =>
        new(path, Encoding.UTF8.GetBytes(text), SitePage.HtmlContentType, cache);

    private async Task<string?> TextAsync(string path) => await Port.ReadAsync(path, None) is { } file ? Encoding.UTF8.GetString(file.Content) : null;

    [Fact]
    public async Task A_written_page_reads_back_with_its_content_type_and_cache_policy_and_the_same_bytes_are_not_written_again()
    {
        Assert.True(await Port.WriteAsync(Page("index.html", "home"), None));
        Assert.False(await Port.WriteAsync(Page("index.html", "home"), None));

        var file = await Port.ReadAsync("index.html", None);
        Assert.Equal("home", Encoding.UTF8.GetString(file!.Content));
        Assert.Equal(SitePage.HtmlContentType, file.ContentType);
        Assert.Equal("public, max-age=60", file.CacheControl);
        Assert.Null(await Port.ReadAsync("missing.html", None));
    }

    [Fact]
    public async Task A_new_cache_policy_with_the_same_bytes_is_written()
    {
        await Port.WriteAsync(Page("index.html", "home"), None);
        Assert.True(await Port.WriteAsync(Page("index.html", "home", "public, max-age=300"), None));
        Assert.Equal("public, max-age=300", (await Port.ReadAsync("index.html", None))!.CacheControl);
    }

    [Fact]
    public async Task An_older_render_never_replaces_a_newer_one_and_the_same_state_is_not_rendered_twice()
    {
        Assert.True(await Port.WriteVersionedAsync(Page("posts/a/index.html", "v5"), 5, None));
        Assert.False(await Port.WriteVersionedAsync(Page("posts/a/index.html", "v4"), 4, None));
        Assert.False(await Port.WriteVersionedAsync(Page("posts/a/index.html", "v5 again"), 5, None));
        Assert.Equal("v5", await TextAsync("posts/a/index.html"));
        Assert.Equal(5, (await Port.ReadAsync("posts/a/index.html", None))!.Version);

        Assert.True(await Port.WriteVersionedAsync(Page("posts/a/index.html", "v6"), 6, None));
        Assert.Equal("v6", await TextAsync("posts/a/index.html"));
    }

    [Fact]
    public async Task A_refresh_rewrites_a_page_of_the_same_state_whose_bytes_differ_but_not_an_older_state()
    {
        await Port.WriteVersionedAsync(Page("tags/x/index.html", "old theme"), 7, None);

        Assert.True(await Port.RefreshVersionedAsync(Page("tags/x/index.html", "new theme"), 7, None));
        Assert.False(await Port.RefreshVersionedAsync(Page("tags/x/index.html", "new theme"), 7, None));
        Assert.False(await Port.RefreshVersionedAsync(Page("tags/x/index.html", "older state"), 6, None));
        Assert.Equal("new theme", await TextAsync("tags/x/index.html"));
    }

    [Fact]
    public async Task The_same_bytes_from_a_newer_state_are_stamped_by_a_refresh_and_left_by_a_publish()
    {
        await Port.WriteVersionedAsync(Page("archives/index.html", "same"), 3, None);

        Assert.False(await Port.WriteVersionedAsync(Page("archives/index.html", "same"), 4, None));
        Assert.Equal(3, (await Port.ReadAsync("archives/index.html", None))!.Version);

        Assert.False(await Port.RefreshVersionedAsync(Page("archives/index.html", "same"), 4, None));
        Assert.Equal(4, (await Port.ReadAsync("archives/index.html", None))!.Version);
    }

    [Fact]
    public async Task A_removal_wins_only_over_an_older_state()
    {
        await Port.WriteVersionedAsync(Page("posts/b/index.html", "b"), 10, None);

        Assert.False(await Port.DeleteVersionedAsync("posts/b/index.html", 10, None));
        Assert.NotNull(await Port.ReadAsync("posts/b/index.html", None));
        Assert.True(await Port.DeleteVersionedAsync("posts/b/index.html", 11, None));
        Assert.Null(await Port.ReadAsync("posts/b/index.html", None));
        Assert.False(await Port.DeleteVersionedAsync("posts/b/index.html", 12, None));
    }

    [Fact]
    public async Task The_listing_names_every_file_and_a_prefix_listing_shows_what_a_versioned_write_compares()
    {
        await Port.WriteAsync(Page("index.html", "home"), None);
        await Port.WriteVersionedAsync(Page("tags/a/index.html", "a"), 2, None);
        await Port.WriteVersionedAsync(Page("tags/index.html", "all"), 3, None);

        Assert.Equal(["index.html", "tags/a/index.html", "tags/index.html"], (await Port.ListAsync(None).ToListAsync()).Order(StringComparer.Ordinal));

        var deployed = await Port.DeployedAsync("tags/", None).ToListAsync();
        if (deployed.Count == 0)
        {
            return; // a store may not list (the contract allows it); these two do, as the assertions below show for them
        }

        var a = Assert.Single(deployed, d => d.Path == "tags/a/index.html");
        Assert.Equal(2, a.Version);
        Assert.Equal(Publishing.ContentHash.Of("a"u8), a.Hash);
        Assert.Equal(DeployedPage.Md5Of("a"u8), a.ContentMd5);
        Assert.True(a.Exists);
        Assert.Equal(["tags/index.html"], (await Port.DeployedAsync("tags/", None, topLevelOnly: true).ToListAsync()).Select(d => d.Path));
    }

    [Fact]
    public async Task An_open_ledger_notes_each_versioned_page_as_it_is_now()
    {
        using var ledger = PageLedger.Begin();
        await Port.WriteVersionedAsync(Page("posts/c/index.html", "c"), 4, None);
        await Port.WriteVersionedAsync(Page("posts/c/index.html", "c older"), 3, None);
        await Port.WriteVersionedAsync(Page("posts/d/index.html", "d"), 4, None);
        await Port.DeleteVersionedAsync("posts/d/index.html", 5, None);

        var noted = Assert.Single(ledger.Pages);
        Assert.Equal(("posts/c/index.html", 4L), (noted.Path, noted.Version));
        Assert.Equal(Publishing.ContentHash.Of("c"u8), noted.Hash);
    }
}
