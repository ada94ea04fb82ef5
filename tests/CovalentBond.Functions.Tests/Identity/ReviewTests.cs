using System.Net;
using System.Text;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// A Contributor's story goes through review: submitted by its author, returned by an Editor with a note, submitted
/// again, approved by an Editor (published); an Author cannot approve; every step is listed and audited.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class ReviewTests(AzuriteFixture azurite) : SignedInApiTests(azurite)
{
    private async Task<string?> StatusAsync(string slug)
    {
        using var editor = Api.ClientOf(SignedInApi.Editor);
        using var response = await editor.GetAsync($"api/posts/{slug}");
        return (await JsonAsync(response)).GetProperty("status").GetString();
    }

    [Fact]
    public async Task A_contributors_draft_is_submitted_returned_with_a_note_resubmitted_and_approved_by_an_editor()
    {
        using var cora = Api.ClientOf(SignedInApi.Contributor);
        using var ana = Api.ClientOf(SignedInApi.Author);
        using var edda = Api.ClientOf(SignedInApi.Editor);
        const string Draft = "---\ntitle: Night buses\ndate: 2025-06-01\ndraft: true\n---\nThe night buses return.\n";
        using (var saved = await cora.PutAsync("api/posts/night-buses", new StringContent(Draft, Encoding.UTF8, "text/markdown")))
        {
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        }

        // Approving a draft that was not submitted is refused; only the owner or an Editor may submit it.
        using (var early = await edda.PostAsync("api/posts/night-buses/approve", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var notHers = await ana.PostAsync("api/posts/night-buses/submit", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notHers.StatusCode);
        }

        using (var submitted = await cora.PostAsync("api/posts/night-buses/submit", null))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        Assert.Equal("in-review", await StatusAsync("night-buses"));
        using (var listed = await edda.GetAsync("api/posts?status=in-review"))
        {
            Assert.Contains("\"slug\":\"night-buses\"", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An Author is not an Editor: no approving, no returning. A return needs a note.
        using (var authorApproves = await ana.PostAsync("api/posts/night-buses/approve", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, authorApproves.StatusCode);
        }

        using (var noNote = await edda.PostAsync("api/posts/night-buses/return", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        }

        using (var returned = await edda.PostAsync("api/posts/night-buses/return", new StringContent("{\"note\":\"Which lines? Name them.\"}")))
        {
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        }

        Assert.Equal("draft", await StatusAsync("night-buses"));
        using (var shown = await cora.GetAsync("api/posts/night-buses"))
        {
            var post = await JsonAsync(shown);
            Assert.Equal("Which lines? Name them.", post.GetProperty("reviewNote").GetString());
            var edit = new HttpRequestMessage(HttpMethod.Put, "api/posts/night-buses")
            {
                Content = new StringContent(Draft.Replace("return.", "return: lines 26 and 31.", StringComparison.Ordinal), Encoding.UTF8, "text/markdown"),
            };
            edit.Headers.TryAddWithoutValidation("If-Match", shown.Headers.ETag!.ToString());
            using var edited = await cora.SendAsync(edit);
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        using (await cora.PostAsync("api/posts/night-buses/submit", null))
        {
        }

        Assert.Null(await Api.Host.ReadSiteTextAsync("posts/night-buses/index.html"));
        using (var approved = await edda.PostAsync("api/posts/night-buses/approve", null))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Equal("published", (await JsonAsync(approved)).GetProperty("postStatus").GetString());
        }

        Assert.Contains("lines 26 and 31", await Api.Host.ReadSiteTextAsync("posts/night-buses/index.html") ?? "", StringComparison.Ordinal);
        using (var shown = await cora.GetAsync("api/posts/night-buses"))
        {
            var post = await JsonAsync(shown);
            Assert.Equal("Cora Contributor", post.GetProperty("createdBy").GetProperty("name").GetString());
            Assert.False(post.TryGetProperty("reviewNote", out _));
        }

        using var audit = await edda.GetAsync("api/audit?post=night-buses");
        var steps = (await JsonAsync(audit)).GetProperty("entries").EnumerateArray()
            .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("outcome").GetString()} by {e.GetProperty("callerName").GetString()}")
            .Reverse().ToList();
        Assert.Equal(
            ["publish created by Cora Contributor", "submit forbidden by Ana Author", "submit updated by Cora Contributor",
             "review-post forbidden by Ana Author", "return updated by Edda Editor", "publish updated by Cora Contributor",
             "submit updated by Cora Contributor", "approve updated by Edda Editor"],
            steps);
    }
}
