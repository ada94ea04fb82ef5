using System.Net;
using CovalentBond.Publishing.Identity;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// What an attacker can put into the new inputs of sign-in, review, revisions and the audit trail: claims that are not
/// what they seem, headers and query values out of shape. Each gets a clear refusal and writes nothing.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class IdentityHostileInputTests(AzuriteFixture azurite, SharedSignedInApi shared) : SignedInApiTests(azurite, shared), IClassFixture<SharedSignedInApi>
{
    [Theory]
    [InlineData("Superuser")]
    [InlineData("Editor ")]
    [InlineData("7")]
    [InlineData("Editor,Admin")]
    public async Task A_role_this_site_does_not_define_gives_no_rights(string role)
    {
        var token = Api.Issuer.Issue("bad-role-oid", "Mallory", [], changes: d => d.Claims["roles"] = new[] { role });
        using var client = Api.Client("Bearer " + token);

        using var write = await client.PutAsync("api/posts/by-mallory", SignedInApi.Markdown("By Mallory"));
        using var me = await client.GetAsync("api/me");

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"roles\":[]", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await Api.Host.ReadSiteTextAsync("posts/by-mallory/index.html"));
    }

    [Fact]
    public async Task A_token_that_names_no_object_id_is_refused()
    {
        var token = Api.Issuer.Issue("", "Nobody", [Role.Editor], changes: d =>
        {
            d.Claims.Remove("oid");
            d.Claims.Remove("sub");
        });
        using var client = Api.Client("Bearer " + token);

        using var response = await client.GetAsync("api/posts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no object id", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/audit?from=yesterday", 400)]
    [InlineData("api/audit?limit=0", 400)]
    [InlineData("api/audit?limit=5001", 400)]
    [InlineData("api/audit?limit=-1", 400)]
    [InlineData("api/audit?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400)]
    [InlineData("api/audit?post=%00%0a&caller=%27%20or%201%3D1", 200)]
    [InlineData("api/posts/a/revisions/..", 404)]
    [InlineData("api/posts/a/revisions/20261207T184012345Z-1a2b3c4d?against=..%2F..%2Fx", 404)]
    [InlineData("api/posts/NOT-A-SLUG/revisions", 400)]
    [InlineData("api/posts?status=%27;drop", 400)]
    public async Task Query_and_route_values_out_of_shape_get_a_clear_answer(string path, int status)
    {
        using var editor = Api.ClientOf(SignedInApi.Editor);

        using var response = await editor.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    /// <summary>The cases share one site: each guards a post of its own.</summary>
    private static int guarded;

    [Theory]
    [InlineData("garbage")]
    [InlineData("\"\"")]
    [InlineData("W/\"weak\"")]
    [InlineData("*")]
    public async Task An_if_match_that_is_not_the_posts_etag_changes_nothing(string ifMatch)
    {
        using var editor = Api.ClientOf(SignedInApi.Editor);
        var slug = $"guarded-{Interlocked.Increment(ref guarded)}";
        using var create = new HttpRequestMessage(HttpMethod.Put, $"api/posts/{slug}") { Content = SignedInApi.Markdown("Guarded") };
        create.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using (await editor.SendAsync(create))
        {
        }

        var before = await Api.Host.ReadSiteTextAsync($"posts/{slug}/index.html");
        using var change = new HttpRequestMessage(HttpMethod.Put, $"api/posts/{slug}") { Content = SignedInApi.Markdown("Changed blindly") };
        change.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        using var response = await editor.SendAsync(change);

        if (ifMatch == "*")
        {
            // "Any version": allowed by HTTP, and still checked against the stored source in the same write.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            Assert.Equal(before, await Api.Host.ReadSiteTextAsync($"posts/{slug}/index.html"));
        }
    }

    [Theory]
    [InlineData("{\"note\": 42}")]
    [InlineData("[\"note\"]")]
    [InlineData("{\"note\": \"bell\\u0007\"}")]
    [InlineData("not json")]
    public async Task A_return_note_out_of_shape_is_400(string body)
    {
        using var editor = Api.ClientOf(SignedInApi.Editor);

        using var response = await editor.PostAsync("api/posts/anything/return", new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A note is needed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
