using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// The local issuer's authorization code flow with PKCE, which /admin signs in with in <c>covalent dev</c> (Entra ID serves
/// the same flow to single-page apps): the code goes only to a loopback redirect, once, for the verifier whose S256 hash
/// was sent, and the access token it gives is one the API's production validator accepts.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BrowserSignInTests(AzuriteFixture azurite, SharedSignedInApi shared) : SignedInApiTests(azurite, shared), IClassFixture<SharedSignedInApi>
{
    private const string Redirect = "http://localhost:5000/admin/";
    private const string ClientId = "covalent-admin";

    private static readonly string Verifier = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string Tenant => Api.Issuer.TenantId;

    private HttpClient Issuer() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Api.Issuer.BaseAddress) };

    private static Dictionary<string, string> Authorization(string redirect = Redirect, string? challenge = null, string method = "S256") => new()
    {
        ["client_id"] = ClientId,
        ["response_type"] = "code",
        ["response_mode"] = "query",
        ["redirect_uri"] = redirect,
        ["scope"] = "openid profile offline_access api://covalent-bond-tests/Posts.ReadWrite",
        ["state"] = "state-1",
        ["nonce"] = "nonce-1",
        ["code_challenge"] = challenge ?? Challenge(Verifier),
        ["code_challenge_method"] = method,
    };

    /// <summary>Picks <paramref name="role"/> on the role picker; the redirect back to the app.</summary>
    private async Task<Uri> PickAsync(HttpClient issuer, string role, Dictionary<string, string>? parameters = null)
    {
        var form = new Dictionary<string, string>(parameters ?? Authorization()) { ["role"] = role };
        using var picked = await issuer.PostAsync($"/{Tenant}/oauth2/v2.0/authorize", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        return picked.Headers.Location!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(HttpClient issuer, Dictionary<string, string> form)
    {
        using var response = await issuer.PostAsync($"/{Tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, string> CodeGrant(string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = ClientId,
        ["code"] = code,
        ["redirect_uri"] = Redirect,
        ["code_verifier"] = verifier,
    };

    private static string CodeOf(Uri back) => System.Web.HttpUtility.ParseQueryString(back.Query)["code"]!;

    [Fact]
    public async Task A_code_for_the_right_verifier_gives_tokens_the_API_accepts_with_the_picked_role_and_is_good_once()
    {
        using var issuer = Issuer();
        using (var picker = await issuer.GetAsync($"/{Tenant}/oauth2/v2.0/authorize?{await new FormUrlEncodedContent(Authorization()).ReadAsStringAsync()}"))
        {
            Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
            Assert.Contains("value=\"Editor\"", await picker.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var back = await PickAsync(issuer, "Editor");
        Assert.StartsWith(Redirect + "?code=", back.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=state-1", back.Query, StringComparison.Ordinal);
        var (status, tokens) = await RedeemAsync(issuer, CodeGrant(CodeOf(back), Verifier));
        Assert.Equal(HttpStatusCode.OK, status);

        // The ID token is for the app and carries the nonce; the access token is for the API, which accepts it.
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.GetProperty("id_token").GetString());
        Assert.Equal(ClientId, id.Audiences.Single());
        Assert.Equal("nonce-1", id.GetClaim("nonce").Value);
        using var api = Api.Client("Bearer " + tokens.GetProperty("access_token").GetString());
        using var me = await api.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("Editor", (await JsonAsync(me)).GetProperty("roles")[0].GetString());

        // The same code again is refused; the refresh token works once, for this client only.
        Assert.Equal("invalid_grant", (await RedeemAsync(issuer, CodeGrant(CodeOf(back), Verifier))).Body.GetProperty("error").GetString());
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var otherClient = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = "someone-else", ["refresh_token"] = refresh };
        Assert.Equal("invalid_grant", (await RedeemAsync(issuer, otherClient)).Body.GetProperty("error").GetString());
        var back2 = await PickAsync(issuer, "Author");
        var (_, second) = await RedeemAsync(issuer, CodeGrant(CodeOf(back2), Verifier));
        var renew = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = second.GetProperty("refresh_token").GetString()! };
        Assert.Equal(HttpStatusCode.OK, (await RedeemAsync(issuer, renew)).Status);
        Assert.Equal("invalid_grant", (await RedeemAsync(issuer, renew)).Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_wrong_verifier_another_redirect_or_a_missing_challenge_gets_no_token()
    {
        using var issuer = Issuer();

        var back = await PickAsync(issuer, "Author");
        Assert.Equal("invalid_grant", (await RedeemAsync(issuer, CodeGrant(CodeOf(back), Verifier[..^1] + (Verifier[^1] == 'A' ? 'B' : 'A')))).Body.GetProperty("error").GetString());
        // The code is spent by the failed attempt too: no second guess.
        Assert.Equal("invalid_grant", (await RedeemAsync(issuer, CodeGrant(CodeOf(back), Verifier))).Body.GetProperty("error").GetString());

        var elsewhere = await PickAsync(issuer, "Author");
        var moved = CodeGrant(CodeOf(elsewhere), Verifier);
        moved["redirect_uri"] = "http://localhost:5000/other/";
        Assert.Equal("invalid_grant", (await RedeemAsync(issuer, moved)).Body.GetProperty("error").GetString());

        // Requests the role picker refuses before anyone picks: a redirect off loopback, https to a host, no PKCE, plain PKCE.
        foreach (var refused in new[]
        {
            Authorization(redirect: "https://evil.example/admin/"),
            Authorization(redirect: "http://user@localhost:5000/admin/"),
            Authorization(challenge: ""),
            Authorization(method: "plain", challenge: Verifier),
        })
        {
            using var page = await issuer.GetAsync($"/{Tenant}/oauth2/v2.0/authorize?{await new FormUrlEncodedContent(refused).ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            using var post = await issuer.PostAsync($"/{Tenant}/oauth2/v2.0/authorize", new FormUrlEncodedContent(new Dictionary<string, string>(refused) { ["role"] = "Editor" }));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
    }

    [Fact]
    public async Task The_token_endpoint_answers_a_loopback_page_across_origins_and_no_other()
    {
        using var issuer = Issuer();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/{Tenant}/oauth2/v2.0/token");
        preflight.Headers.Add("Origin", "http://localhost:5000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var allowed = await issuer.SendAsync(preflight);
        Assert.Equal("http://localhost:5000", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var foreign = new HttpRequestMessage(HttpMethod.Get, $"/{Tenant}/v2.0/.well-known/openid-configuration");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var refused = await issuer.SendAsync(foreign);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        var discovery = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
