using System.Text;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Blobs;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BlobSiteStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite site = null!;

    private ISiteStore Store => site.Services.GetRequiredService<ISiteStore>();

    public async Task InitializeAsync() => site = await TestSite.CreateAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static SitePage Page(string text, string cacheControl = SitePage.PageCacheControl) =>
        new("posts/x/index.html", Encoding.UTF8.GetBytes(text), SitePage.HtmlContentType, cacheControl);

    [Fact]
    public async Task A_page_is_written_with_its_content_type_and_cache_policy()
    {
        Assert.True(await Store.WriteAsync(Page("<p>one</p>"), default));

        var properties = (await site.Site.GetBlobClient("posts/x/index.html").GetPropertiesAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", properties.ContentType);
        Assert.Equal(SitePage.PageCacheControl, properties.CacheControl);
        var read = await Store.ReadAsync("posts/x/index.html", default);
        Assert.Equal("<p>one</p>", Encoding.UTF8.GetString(read!.Content));
    }

    [Fact]
    public async Task The_same_bytes_are_not_written_twice()
    {
        await Store.WriteAsync(Page("<p>one</p>"), default);
        var etag = (await site.Site.GetBlobClient("posts/x/index.html").GetPropertiesAsync()).Value.ETag;

        Assert.False(await Store.WriteAsync(Page("<p>one</p>"), default));
        Assert.Equal(etag, (await site.Site.GetBlobClient("posts/x/index.html").GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task Changed_bytes_or_headers_are_written()
    {
        await Store.WriteAsync(Page("<p>one</p>"), default);

        Assert.True(await Store.WriteAsync(Page("<p>two</p>"), default));
        Assert.True(await Store.WriteAsync(Page("<p>two</p>", SitePage.ImmutableCacheControl), default));
        var properties = (await site.Site.GetBlobClient("posts/x/index.html").GetPropertiesAsync()).Value;
        Assert.Equal(SitePage.ImmutableCacheControl, properties.CacheControl);
        Assert.Equal("text/html; charset=utf-8", properties.ContentType);
    }

    [Fact]
    public async Task The_same_bytes_rendered_from_a_newer_state_keep_their_content_and_a_republish_gives_them_its_version()
    {
        // A writer that read its list between a row and the list's counter writes the newer bytes under the older count.
        Assert.True(await Store.WriteVersionedAsync(Page("<p>105 posts</p>"), 104, default));
        var blob = site.Site.GetBlobClient("posts/x/index.html");
        var written = (await blob.GetPropertiesAsync()).Value.ETag;

        // A publish with the same bytes writes nothing, not even the version (it would cost a write per such page).
        Assert.False(await Store.WriteVersionedAsync(Page("<p>105 posts</p>"), 105, default));
        Assert.Equal(written, (await blob.GetPropertiesAsync()).Value.ETag);

        // A republish moves the version, so that the next one with nothing changed finds the page current.
        Assert.False(await Store.RefreshVersionedAsync(Page("<p>105 posts</p>"), 105, default));

        Assert.Equal("105", (await blob.GetPropertiesAsync()).Value.Metadata["version"]);
        Assert.Equal(105, (await Store.ReadAsync("posts/x/index.html", default))!.Version);
        Assert.Equal("<p>105 posts</p>", (await blob.DownloadContentAsync()).Value.Content.ToString());
        Assert.False(await Store.WriteVersionedAsync(Page("<p>104 posts</p>"), 104, default));
    }

    [Fact]
    public async Task A_listed_page_with_the_same_bytes_from_a_newer_state_takes_its_version_in_one_request()
    {
        await Store.WriteVersionedAsync(Page("<p>same</p>"), 7, default);
        var listed = await Store.DeployedAsync("posts/x/", default).SingleAsync();

        Assert.False(await Store.RefreshListedAsync(Page("<p>same</p>"), 9, listed, default));
        var now = await Store.DeployedAsync("posts/x/", default).SingleAsync();
        Assert.Equal(9, now.Version);
        Assert.Equal(listed.Hash, now.Hash);

        // Listed before the stamp: its ETag is gone, so the ordinary path decides (null), and nothing older lands.
        Assert.Null(await Store.RefreshListedAsync(Page("<p>same</p>"), 10, listed, default));
        Assert.False(await Store.RefreshListedAsync(Page("<p>older</p>"), 8, now, default));
        Assert.Equal("<p>same</p>", (await site.Site.GetBlobClient("posts/x/index.html").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task A_page_reads_with_its_headers_version_and_listed_md5_in_one_request()
    {
        await Store.WriteVersionedAsync(Page("<p>read me</p>", "public, max-age=60"), 12, default);
        var requests = new StorageRequests();
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings["Storage:SiteContainer"] = site.Site.Name;
        var counted = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.AddSingleton(requests.Clients(azurite.ConnectionString)));
        await using var countedServices = counted.Services; // the containers are this test's site's: it removes them
        var store = counted.Services.GetRequiredService<ISiteStore>();
        requests.Take();

        var read = (await store.ReadAsync("posts/x/index.html", default))!;
        Assert.Equal(("<p>read me</p>", SitePage.HtmlContentType, "public, max-age=60", 12L), (Encoding.UTF8.GetString(read.Content), read.ContentType, read.CacheControl, read.Version));
        Assert.Single(requests.Take(), r => StorageRequests.IsBlobOf(r, site.Site.Name));

        // The listing carries the MD5 the service keeps of the bytes (what verify compares with instead of reading).
        var listed = await store.DeployedAsync("posts/x/", default).SingleAsync();
#pragma warning disable CA5351 // the service's checksum, compared, not a security measure
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(read.Content)), listed.ContentMd5);
#pragma warning restore CA5351
    }

    [Fact]
    public async Task A_missing_file_reads_as_null()
    {
        Assert.Null(await Store.ReadAsync("nothing/here.html", default));
    }
}
