using System.Net;
using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// Posts have owners: an Author changes only their own, an Editor any; a Contributor saves drafts only; every attempt,
/// refused or done, is in the audit trail with its caller.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class OwnershipTests(AzuriteFixture azurite) : SignedInApiTests(azurite)
{
    private async Task<JsonElement[]> AuditAsync(string query)
    {
        using var editor = Api.ClientOf(SignedInApi.Editor);
        using var response = await editor.GetAsync("api/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public async Task An_author_cannot_change_a_colleagues_post_an_editor_can_and_the_audit_names_each_caller()
    {
        using var ana = Api.ClientOf(SignedInApi.Author);
        using var boris = Api.ClientOf(SignedInApi.OtherAuthor);
        using var editor = Api.ClientOf(SignedInApi.Editor);
        using (var created = await ana.PutAsync("api/posts/anas-story", SignedInApi.Markdown("Anas story")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await Api.Host.ReadSiteTextAsync("posts/anas-story/index.html");

        // Boris may neither rewrite, nor take down, nor replace the pictures of Ana's post; the answer names its owner.
        using (var rewrite = await boris.PutAsync("api/posts/anas-story", SignedInApi.Markdown("Boris was here")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, rewrite.StatusCode);
            Assert.Contains("belongs to Ana Author", await rewrite.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var delete = await boris.DeleteAsync("api/posts/anas-story"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }

        using (var unpublish = await boris.PostAsync("api/posts/anas-story/unpublish", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unpublish.StatusCode);
        }

        using (var picture = await boris.PutAsync("api/posts/anas-story/media/photo.jpg", new ByteArrayContent([1, 2, 3])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, picture.StatusCode);
        }

        Assert.Equal(page, await Api.Host.ReadSiteTextAsync("posts/anas-story/index.html"));

        // An Editor may; the post stays Ana's.
        using var read = await editor.GetAsync("api/posts/anas-story");
        using var edit = new HttpRequestMessage(HttpMethod.Put, "api/posts/anas-story") { Content = SignedInApi.Markdown("Anas story, edited") };
        edit.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using (var edited = await editor.SendAsync(edit))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        Assert.Contains("Anas story, edited", await Api.Host.ReadSiteTextAsync("posts/anas-story/index.html") ?? "", StringComparison.Ordinal);
        using (var shown = await ana.GetAsync("api/posts/anas-story"))
        {
            var text = await shown.Content.ReadAsStringAsync();
            Assert.Contains("Ana Author", text, StringComparison.Ordinal);
        }

        // Ana still may change her own post after the Editor's edit (on the version she read).
        using var current = await ana.GetAsync("api/posts/anas-story");
        using var unpublishHers = new HttpRequestMessage(HttpMethod.Post, "api/posts/anas-story/unpublish");
        unpublishHers.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
        using (var again = await ana.SendAsync(unpublishHers))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var entries = await AuditAsync("post=anas-story");
        string Line(JsonElement e) => $"{e.GetProperty("action").GetString()} {e.GetProperty("outcome").GetString()} by {e.GetProperty("callerName").GetString()}";
        var lines = entries.Select(Line).Reverse().ToList();
        Assert.Equal(
            ["publish created by Ana Author", "publish forbidden by Boris Author", "delete forbidden by Boris Author", "unpublish forbidden by Boris Author",
             "publish updated by Edda Editor", "unpublish updated by Ana Author"],
            lines);
        var update = entries.Single(e => Line(e) == "publish updated by Edda Editor");
        Assert.Equal(SignedInApi.Editor.Id, update.GetProperty("callerId").GetString());
        Assert.NotEqual(update.GetProperty("hashBefore").GetString(), update.GetProperty("hashAfter").GetString());
        Assert.Single(await AuditAsync("caller=" + SignedInApi.OtherAuthor.Id + "&post=anas-story/photo.jpg"));
    }

    [Fact]
    public async Task A_contributor_saves_drafts_but_cannot_publish_and_an_author_cannot_read_the_audit()
    {
        using var cora = Api.ClientOf(SignedInApi.Contributor);
        using (var draft = await cora.PutAsync("api/posts/coras-draft", SignedInApi.Markdown("Cora's draft", draft: true)))
        {
            Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
            Assert.Contains("\"postStatus\":\"draft\"", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var publish = await cora.PutAsync("api/posts/coras-draft", SignedInApi.Markdown("Cora's draft")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
            Assert.Contains("saves drafts only", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await Api.Host.ReadSiteTextAsync("posts/coras-draft/index.html"));

        using var ana = Api.ClientOf(SignedInApi.Author);
        using var audit = await ana.GetAsync("api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        Assert.Contains("Editor or Admin", await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The refusals are on record with who asked; a call with a bad token with its reason, and no token at all.
        var entries = await AuditAsync("");
        Assert.Contains(entries, e => e.GetProperty("outcome").GetString() == "forbidden" && e.GetProperty("callerName").GetString() == "Cora Contributor");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "read-audit" && e.GetProperty("callerName").GetString() == "Ana Author");
        using var forged = Api.Client("Bearer not.a.jwt");
        using (await forged.GetAsync("api/posts"))
        {
        }

        var refused = Assert.Single(await AuditAsync(""), e => e.GetProperty("outcome").GetString() == "unauthenticated");
        Assert.Equal("anonymous", refused.GetProperty("callerId").GetString());
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("detail").GetString()));
        Assert.DoesNotContain("not.a.jwt", refused.ToString(), StringComparison.Ordinal);
    }
}
