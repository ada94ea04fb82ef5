using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// <c>POST /api/preview</c>: the page an unsaved post would publish as, by the production renderer and theme, with its
/// problems at their lines, for whoever may write posts; nothing is written and nothing is claimed.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PreviewTests(AzuriteFixture azurite) : SignedInApiTests(azurite)
{
    private static StringContent Source(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/markdown"));

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> PreviewAsync((string Id, string Name, Publishing.Identity.Role[] Roles) who, string text, string query = "")
    {
        using var client = Api.ClientOf(who);
        using var response = await client.PostAsync("api/preview" + query, Source(text));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? await JsonAsync(response) : default);
    }

    [Fact]
    public async Task A_contributor_sees_the_page_as_it_will_publish_and_nothing_is_written()
    {
        using (var editor = Api.ClientOf(SignedInApi.Editor))
        {
            using var published = await editor.PutAsync("api/posts/earlier", SignedInApi.Markdown("An earlier story"));
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        var before = await Api.Host.SnapshotAsync();
        var (status, body) = await PreviewAsync(SignedInApi.Contributor, "---\ntitle: Ferries return\ndate: 2025-07-01\nauthor: Cora Contributor\ntags: [Harbour]\n---\nThe **first** ferry left at dawn.\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Equal("/posts/ferries-return/", body.GetProperty("url").GetString());
        var html = body.GetProperty("html").GetString()!;
        Assert.Contains("<h1>Ferries return</h1>", html, StringComparison.Ordinal);
        Assert.Contains("The <strong>first</strong> ferry left at dawn.", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"author\" href=\"/authors/cora-contributor/\" rel=\"author\">Cora Contributor</a>", html, StringComparison.Ordinal);
        Assert.Contains(">An earlier story</a>", html, StringComparison.Ordinal); // the latest news, as the page will have them
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\"", html, StringComparison.Ordinal);

        // Nothing of it is stored: no page, no source, no index row, no revision, no audit entry.
        Assert.Equal(before, await Api.Host.SnapshotAsync());
        using var reader = Api.ClientOf(SignedInApi.Editor);
        using var show = await reader.GetAsync("api/posts/ferries-return");
        Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
    }

    [Fact]
    public async Task A_post_that_would_be_refused_is_answered_with_its_problems_at_their_lines_and_warnings_too()
    {
        var (status, body) = await PreviewAsync(SignedInApi.Author, "---\ntitle: Bad date\ndate: someday\n---\nBody.\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.False(body.TryGetProperty("html", out _));
        var problem = body.GetProperty("problems")[0];
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal("date", problem.GetProperty("field").GetString());

        var (_, warned) = await PreviewAsync(SignedInApi.Author, "---\ntitle: No alt\ndate: 2025-07-01\nimage: https://images.example/x.jpg\n---\nBody.\n");
        Assert.True(warned.GetProperty("valid").GetBoolean());
        Assert.Contains(warned.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("field").GetString() == "imageAlt");
    }

    [Fact]
    public async Task Hostile_input_is_answered_plainly_and_renders_nothing_it_should_not()
    {
        // Script in the body is sanitized as on publishing; the preview is the page readers would get.
        var (_, body) = await PreviewAsync(SignedInApi.Author, "---\ntitle: Script\ndate: 2025-07-01\n---\n<script>alert(1)</script><img src=x onerror=alert(2)>\n");
        var html = body.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);

        // A slug out of shape, and a body over the site's limit.
        Assert.Equal(HttpStatusCode.BadRequest, (await PreviewAsync(SignedInApi.Author, "---\ntitle: X\n---\n", "?slug=../../etc")).Status);
        var huge = "---\ntitle: Huge\ndate: 2025-07-01\n---\n" + new string('x', 1_100_000);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PreviewAsync(SignedInApi.Author, huge)).Status);

        // An Author may not put a colleague's profile on a post: the preview says so before any save (no profile here, so
        // a free-text name previews as it is).
        var (_, named) = await PreviewAsync(SignedInApi.Author, "---\ntitle: Named\ndate: 2025-07-01\nauthor: Boris Author\n---\nBody.\n");
        Assert.Empty(named.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Only_those_who_may_write_posts_preview_them()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await PreviewAsync(SignedInApi.Admin, "---\ntitle: X\ndate: 2025-07-01\n---\nBody.\n")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PreviewAsync(SignedInApi.NoRole, "---\ntitle: X\ndate: 2025-07-01\n---\nBody.\n")).Status);
        using var anonymous = Api.Client(null);
        using var response = await anonymous.PostAsync("api/preview", Source("---\ntitle: X\n---\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
