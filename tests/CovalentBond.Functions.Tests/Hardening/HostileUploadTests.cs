using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Hardening;

/// <summary>
/// Hostile uploads through the HTTP function: each test states what the site does with one kind of abuse (the
/// findings of issue 10's review; every one failed before the publish path decided before writing).
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class HostileUploadTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FunctionsTestHost host = null!;

    public Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static string Errors(Microsoft.AspNetCore.Mvc.ContentResult result) => result.Content ?? string.Empty;

    private async Task AssertRefusedWithNothingWrittenAsync(string slug, string markdown, string expected)
    {
        var before = await host.SnapshotAsync();
        var result = await host.PutAsync(slug, markdown);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains(expected, Errors(result), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    private async Task AssertGoodPostStillPublishesAsync()
    {
        var slug = "good-" + Guid.NewGuid().ToString("N")[..8];
        var result = await host.PutAsync(slug, Uploads.Post("A good post " + slug));
        Assert.True(result.StatusCode is 200 or 201, Errors(result));
        Assert.Contains($"/posts/{slug}/", await host.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_tags_are_refused_without_overflowing_the_stack()
    {
        var deep = new string('[', 30_000) + new string(']', 30_000);
        await AssertRefusedWithNothingWrittenAsync("deep", Uploads.Post("Deep", extra: $"tags: {deep}\n").Replace("tags: [Ukraine]\n", string.Empty, StringComparison.Ordinal), "nests");
        await host.DropAsync("deep.md", Uploads.Post("Deep", extra: $"keywords: {deep}\n"));
        Assert.Null(await host.ReadSiteTextAsync("posts/deep/index.html"));
        await AssertGoodPostStillPublishesAsync();
    }

    [Fact]
    public async Task Yaml_aliases_are_refused_before_they_expand()
    {
        var laughs = new StringBuilder("lol0: &a0 \"lol\"\n");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        await AssertRefusedWithNothingWrittenAsync("laughs", Uploads.Post("Laughs", extra: laughs.ToString()), "anchors");
        await AssertGoodPostStillPublishesAsync();
    }

    [Theory]
    [InlineData("title: \"Bad \\x01 title\"\n", "title")]
    [InlineData("title: Bad \u0001 title\n", "title")]
    [InlineData("title: Fine\nauthor: \"A\\vB\"\n", "author")]
    [InlineData("title: Fine\ntags: [\"x\\x1F\"]\n", "tags")]
    [InlineData("title: Fine\nsubtitle: \"\\uFFFE\"\n", "subtitle")]
    public async Task Control_characters_are_refused_and_never_freeze_the_site(string frontMatter, string field)
    {
        var markdown = $"---\n{frontMatter}date: 2025-05-20\n---\nBody.\n";
        await AssertRefusedWithNothingWrittenAsync("control", markdown, field);
        await host.DropAsync("control.md", markdown);
        await AssertGoodPostStillPublishesAsync();
        Assert.Equal(200, (await host.UnpublishAsync(
            JsonDocument.Parse(Errors(await host.PutAsync("another", Uploads.Post("Another")))).RootElement.GetProperty("slug").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task An_upload_cannot_overwrite_another_posts_source()
    {
        var bar = Uploads.Post("Bar", extra: "slug: bar\n");
        await host.DropAsync("foo.md", bar);
        Assert.NotNull(await host.ReadSiteTextAsync("posts/bar/index.html"));

        var result = await host.PutAsync("foo", Uploads.Post("Foo"));

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("foo.md", Errors(result), StringComparison.Ordinal);
        Assert.Contains("bar", Errors(result), StringComparison.Ordinal);
        Assert.Equal(bar, await host.SourceTextAsync("foo.md"));
        Assert.Equal("Published", (await host.Index.GetEntityAsync<TableEntity>("post", "bar")).Value.GetString("Status"));

        // A dropped file whose front matter takes a slug that another source owns is refused too.
        await host.DropAsync("other.md", Uploads.Post("Thief", extra: "slug: bar\n"));
        Assert.Equal("foo.md", (await host.Index.GetEntityAsync<TableEntity>("post", "bar")).Value.GetString("SourceName"));
        Assert.DoesNotContain("Thief", await host.ReadSiteTextAsync("posts/bar/index.html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subtitle")]
    [InlineData("tags")]
    [InlineData("aliases")]
    [InlineData("title")]
    [InlineData("tag")]
    [InlineData("depth")]
    public async Task A_refused_update_leaves_the_good_version_untouched(string abuse)
    {
        var good = Uploads.Post("P", body: "The good version.");
        Assert.Equal(201, (await host.PutAsync("p", good)).StatusCode);
        var page = await host.ReadSiteTextAsync("posts/p/index.html");

        var bad = abuse switch
        {
            "subtitle" => Uploads.Post("P", extra: $"subtitle: {new string('s', 40_000)}\n"),
            "tags" => Uploads.Post("P").Replace("tags: [Ukraine]", "tags: [" + string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"t{i}")) + "]", StringComparison.Ordinal),
            "aliases" => Uploads.Post("P", extra: "aliases: [" + string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"/old/{i}/")) + "]\n"),
            "title" => Uploads.Post(new string('t', 600_000)),
            "tag" => Uploads.Post("P").Replace("tags: [Ukraine]", $"tags: [{new string('x', 3_000)}]", StringComparison.Ordinal),
            _ => Uploads.Post("P", body: new string('>', 2_000) + " deep"),
        };
        var before = await host.SnapshotAsync();
        var result = await host.PutAsync("p", bad);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(good, await host.SourceTextAsync("p.md"));
        Assert.Equal(page, await host.ReadSiteTextAsync("posts/p/index.html"));
        Assert.Equal(before, await host.SnapshotAsync());
        await host.UnpublishAsync("p");
        Assert.Equal(200, (await host.RestoreAsync("p")).StatusCode);
        Assert.Contains("The good version.", await host.ReadSiteTextAsync("posts/p/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_puts_own_source_write_does_not_come_back_as_another_post()
    {
        Assert.Equal(201, (await host.PutAsync("hello", Uploads.Post("Hello", body: "The real hello."))).StatusCode);
        Assert.Equal(201, (await host.PutAsync("2025-05-20-hello", Uploads.Post("Dated hello"))).StatusCode);

        // Event Grid fires for every blob created in the posts container, the API's own writes too.
        await host.DeliverAsync("2025-05-20-hello.md");
        await host.DeliverAsync("hello.md");

        Assert.Contains("Dated hello", await host.ReadSiteTextAsync("posts/2025-05-20-hello/index.html"), StringComparison.Ordinal);
        Assert.Contains("The real hello.", await host.ReadSiteTextAsync("posts/hello/index.html"), StringComparison.Ordinal);
        Assert.Equal("hello.md", (await host.Index.GetEntityAsync<TableEntity>("post", "hello")).Value.GetString("SourceName"));
        Assert.Equal("Published", (await host.Index.GetEntityAsync<TableEntity>("post", "2025-05-20-hello")).Value.GetString("Status"));
    }

    [Theory]
    [InlineData("date: 2025-05-20T10:00:00+14:30\n", "date")]
    [InlineData("date: 2025-05-20T10:00:00-14:59\n", "date")]
    [InlineData("date: 0001-01-01T00:00:00+14:00\n", "date")]
    [InlineData("date: 9999-12-31T23:00:00-10:00\n", "date")]
    [InlineData("date: 1600-01-01\n", "date")]
    [InlineData("date: 2025-05-20\ntags: [Ukraine, Russia\nauthor: X\n", "YAML")]
    public async Task Impossible_dates_and_broken_yaml_are_400_not_500(string frontMatter, string expected)
    {
        await AssertRefusedWithNothingWrittenAsync("dates", $"---\ntitle: Dates\n{frontMatter}---\nBody.\n", expected);
        await AssertGoodPostStillPublishesAsync();
    }

    [Fact]
    public async Task Restoring_a_post_whose_source_is_gone_is_a_clear_answer()
    {
        await host.PutAsync("gone-source", Uploads.Post("Gone source"));
        await host.UnpublishAsync("gone-source");
        await host.Sources.DeleteBlobAsync("gone-source.md");

        var result = await host.RestoreAsync("gone-source");

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("gone-source.md", Errors(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("headings")]
    [InlineData("autolinks")]
    [InlineData("divs")]
    [InlineData("tags")]
    public async Task Pathological_posts_stay_within_the_cpu_budget(string kind)
    {
        var markdown = kind switch
        {
            "headings" => Uploads.Post("Headings", body: string.Concat(Enumerable.Repeat("# same\n\n", 20_000))),
            "autolinks" => Uploads.Post("Links", body: string.Concat(Enumerable.Repeat("https://example.com/a ", 40_000))),
            "divs" => Uploads.Post("Divs", body: string.Concat(Enumerable.Repeat("<div>", 50_000))),
            _ => Uploads.Post("Tags").Replace("tags: [Ukraine]", "tags: [" + string.Join(", ", Enumerable.Range(0, 2_000).Select(i => $"tag{i}")) + "]", StringComparison.Ordinal),
        };

        var cpu = CpuTime.Measure(() => host.PutAsync(kind, markdown), out var result);

        Assert.True(result.StatusCode is 400 or 201, Errors(result));
        Assert.True(cpu < TimeSpan.FromSeconds(2), $"{kind}: {cpu.TotalSeconds:F1} s of CPU");
        if (kind == "tags")
        {
            Assert.Equal(400, result.StatusCode);
        }
    }

    [Fact]
    public async Task A_null_title_is_no_title()
    {
        await AssertRefusedWithNothingWrittenAsync("null-title", "---\ntitle: ~\ndate: 2025-05-20\n---\nBody.\n", "title");
    }

    [Fact]
    public async Task A_backslash_image_path_is_refused()
    {
        await AssertRefusedWithNothingWrittenAsync("evil-image", Uploads.Post("Image", extra: "image: /\\evil.example/x.png\nimageAlt: x\n"), "image");
    }

    [Fact]
    public async Task Body_html_cannot_cover_the_page()
    {
        await host.PutAsync("cover", Uploads.Post("Cover", body: "<div style=\"position:fixed; inset:0; z-index:99; color: red\">covered</div>"));

        var html = await host.ReadSiteTextAsync("posts/cover/index.html");
        Assert.Contains("covered", html, StringComparison.Ordinal);
        Assert.DoesNotContain("position", html, StringComparison.Ordinal);
        Assert.DoesNotContain("inset", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropping_a_shared_alias_keeps_the_other_posts_redirect()
    {
        await host.PutAsync("first", Uploads.Post("First", extra: "aliases: [/old/shared/]\n"));
        await host.PutAsync("second", Uploads.Post("Second", extra: "aliases: [/old/shared/]\n"));
        var redirect = await host.ReadSiteTextAsync("old/shared/index.html");
        Assert.NotNull(redirect);
        var owner = redirect!.Contains("/posts/second/", StringComparison.Ordinal) ? "second" : "first";
        var other = owner == "second" ? "first" : "second";

        // The post whose redirect is not the one standing drops the alias: the standing one stays.
        await host.PutAsync(other, Uploads.Post(other == "first" ? "First" : "Second", body: "Edited."));

        Assert.Contains($"/posts/{owner}/", await host.ReadSiteTextAsync("old/shared/index.html"), StringComparison.Ordinal);
    }
}
