using System.Net;
using System.Text;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>What the editor (/admin) asks of the API beyond publishing: a post's source to open, and approval for a time.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class EditorApiTests(AzuriteFixture azurite) : SignedInApiTests(azurite)
{
    [Fact]
    public async Task A_posts_source_comes_back_byte_for_byte_with_the_ETag_a_change_sends_in_If_Match()
    {
        using var ana = Api.ClientOf(SignedInApi.Author);
        const string Source = "---\ntitle: Bridges\ndate: 2025-06-01\ntags: [Serbia]\n# a comment the form keeps\n---\nThe bridges reopen — all of them.\n";
        using (var created = await ana.PutAsync("api/posts/bridges", new StringContent(Source, Encoding.UTF8, "text/markdown")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var source = await ana.GetAsync("api/posts/bridges/source");
        using var overview = await ana.GetAsync("api/posts/bridges");

        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", source.Content.Headers.ContentType!.ToString());
        Assert.Equal(Source, await source.Content.ReadAsStringAsync());
        Assert.Equal("no-store", source.Headers.CacheControl!.ToString());
        Assert.Equal(overview.Headers.ETag, source.Headers.ETag);
        using var edit = new HttpRequestMessage(HttpMethod.Put, "api/posts/bridges") { Content = new StringContent(Source.Replace("all of them", "most of them", StringComparison.Ordinal)) };
        edit.Headers.IfMatch.Add(source.Headers.ETag!);
        using var saved = await ana.SendAsync(edit);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // Unknown and malformed slugs.
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync("api/posts/no-such-post/source")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.GetAsync("api/posts/Not..A..Slug/source")).StatusCode);
    }

    [Fact]
    public async Task An_editor_approves_a_post_for_a_time_ahead_and_it_is_scheduled_with_that_date_in_its_source()
    {
        using var cora = Api.ClientOf(SignedInApi.Contributor);
        using var edda = Api.ClientOf(SignedInApi.Editor);
        const string Draft = "---\ntitle: Night buses\ndate: 2025-06-01\ndraft: true\n---\nThe night buses return.\ndate: a line of the body, not the front matter\n";
        Assert.Equal(HttpStatusCode.Created, (await cora.PutAsync("api/posts/night-buses", new StringContent(Draft, Encoding.UTF8, "text/markdown"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cora.PostAsync("api/posts/night-buses/submit", null)).StatusCode);

        // Times that are not a time ahead with its offset are refused, and the post stays in review.
        var ahead = DateTimeOffset.UtcNow.AddDays(2).ToOffset(TimeSpan.FromHours(1));
        foreach (var body in new[] { "{\"at\":\"tomorrow\"}", "{\"at\":\"2031-01-01T08:00:00\"}", "{\"at\":\"2020-01-01T08:00:00+01:00\"}", "{\"at\":3}", "not json", "{}" })
        {
            using var refused = await edda.PostAsync("api/posts/night-buses/approve", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{body}: {refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        }

        using (var overview = await edda.GetAsync("api/posts/night-buses"))
        {
            Assert.Equal("in-review", (await JsonAsync(overview)).GetProperty("status").GetString());
        }

        var at = ahead.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        using var approved = await edda.PostAsync("api/posts/night-buses/approve", new StringContent($"{{\"at\":\"{at}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("scheduled", (await JsonAsync(approved)).GetProperty("postStatus").GetString());
        var source = await (await edda.GetAsync("api/posts/night-buses/source")).Content.ReadAsStringAsync();
        Assert.Equal($"---\ntitle: Night buses\ndate: {at}\n---\nThe night buses return.\ndate: a line of the body, not the front matter\n", source);
        Assert.Null(await Api.Host.ReadSiteTextAsync("posts/night-buses/index.html"));
    }
}

/// <summary>The editor's private drafts: each person's own, never published, refused plainly when out of shape.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class DraftApiTests(AzuriteFixture azurite) : SignedInApiTests(azurite)
{
    [Fact]
    public async Task A_draft_is_its_writers_alone_and_publishes_nothing()
    {
        using var ana = Api.ClientOf(SignedInApi.Author);
        using var boris = Api.ClientOf(SignedInApi.OtherAuthor);
        using (var created = await ana.PutAsync("api/posts/bridges", SignedInApi.Markdown("Bridges")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var before = await Api.Host.SnapshotAsync();
        const string Edit = "---\ntitle: Bridges\ndate: 2025-06-01\n---\nAn edit not published yet — ünïcode.\n";
        using var save = new HttpRequestMessage(HttpMethod.Put, "api/drafts/bridges") { Content = new StringContent(Edit, Encoding.UTF8, "text/markdown") };
        save.Headers.TryAddWithoutValidation("X-Base-ETag", "\"0x8DE1\"");
        Assert.Equal(HttpStatusCode.OK, (await ana.SendAsync(save)).StatusCode);

        // Ana reads it back; Boris has none of his own and cannot see hers; the site, index and sources are untouched.
        using var mine = await ana.GetAsync("api/drafts/bridges");
        var draft = await JsonAsync(mine);
        Assert.Equal(Edit, draft.GetProperty("text").GetString());
        Assert.Equal("\"0x8DE1\"", draft.GetProperty("baseETag").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await boris.GetAsync("api/drafts/bridges")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await boris.DeleteAsync("api/drafts/bridges")).StatusCode);
        Assert.Equal(Edit, (await JsonAsync(await ana.GetAsync("api/drafts/bridges"))).GetProperty("text").GetString());
        Assert.Equal(before, await Api.Host.SnapshotAsync());
        Assert.DoesNotContain("not published yet", await (await ana.GetAsync("api/posts/bridges/source")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync("api/drafts/bridges")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ana.GetAsync("api/drafts/bridges")).StatusCode);
    }

    [Fact]
    public async Task Drafts_out_of_shape_are_refused_plainly_and_a_reader_without_the_role_gets_none()
    {
        using var ana = Api.ClientOf(SignedInApi.Author);
        var tooLarge = new ByteArrayContent(new byte[Api.Host.Services.GetRequiredService<CovalentBond.Publishing.Site.SiteOptions>().MaxPostBytes + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await ana.PutAsync("api/drafts/big", tooLarge)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.PutAsync("api/drafts/bad", new ByteArrayContent([0xC3, 0x28, 0xFF]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.PutAsync("api/drafts/Not..A_Slug", new StringContent("x"))).StatusCode);
        using var badBase = new HttpRequestMessage(HttpMethod.Put, "api/drafts/based") { Content = new StringContent("x") };
        badBase.Headers.TryAddWithoutValidation("X-Base-ETag", new string('e', 201));
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.SendAsync(badBase)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ana.GetAsync("api/drafts/bad")).StatusCode);

        using var dana = Api.ClientOf(SignedInApi.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.PutAsync("api/drafts/ops", new StringContent("x"))).StatusCode);
    }
}
