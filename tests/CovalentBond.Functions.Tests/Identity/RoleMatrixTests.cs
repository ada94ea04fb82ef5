using System.Net;
using System.Security.Cryptography;
using System.Text;
using CovalentBond.Functions.Http;
using CovalentBond.Publishing.Identity;
using CovalentBond.Testing;
using Microsoft.IdentityModel.Tokens;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// Every endpoint of the API × every kind of caller, through the gate with real tokens from the local issuer: each
/// cell is what docs/security.md's table says (401 without a valid token, 403 without the role, the handler's own
/// answer otherwise), and a refused call writes nothing.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class RoleMatrixTests(AzuriteFixture azurite, SharedSignedInApi shared) : SignedInApiTests(azurite, shared), IClassFixture<SharedSignedInApi>
{
    /// <summary>One request per endpoint: for a per-post endpoint, a post nobody has, so an admitted call gets the handler's 404, 400 or 201.</summary>
    private static HttpRequestMessage RequestFor(string function, string who) => function switch
    {
        "WhoAmI" => new(HttpMethod.Get, "api/me"),
        "ListPosts" => new(HttpMethod.Get, "api/posts"),
        "ShowPost" => new(HttpMethod.Get, "api/posts/no-such-post"),
        "ShowPostSource" => new(HttpMethod.Get, "api/posts/no-such-post/source"),
        "SaveDraft" => new(HttpMethod.Put, $"api/drafts/matrix-{who}") { Content = SignedInApi.Markdown($"Draft {who}") },
        "ShowDraft" => new(HttpMethod.Get, "api/drafts/no-such-post"),
        "DeleteDraft" => new(HttpMethod.Delete, "api/drafts/no-such-post"),
        "PublishPost" => new(HttpMethod.Put, $"api/posts/matrix-{who}") { Content = SignedInApi.Markdown($"Matrix {who}", draft: true) },
        "PreviewPost" => new(HttpMethod.Post, "api/preview") { Content = SignedInApi.Markdown($"Preview {who}") },
        "DeletePost" => new(HttpMethod.Delete, "api/posts/no-such-post"),
        "UnpublishPost" => new(HttpMethod.Post, "api/posts/no-such-post/unpublish"),
        "RestorePost" => new(HttpMethod.Post, "api/posts/no-such-post/restore"),
        "PublishPostMedia" => new(HttpMethod.Put, "api/posts/no-such-post/media/photo.jpg") { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("not an image")) },
        "PublishSiteMedia" => new(HttpMethod.Put, "api/media/photo.jpg") { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("not an image")) },
        "StartRepublish" => new(HttpMethod.Post, "api/site/republish"),
        "RepublishStatus" => new(HttpMethod.Get, "api/site/republish/no-such-job"),
        "ReadAudit" => new(HttpMethod.Get, "api/audit"),
        "SubmitPost" => new(HttpMethod.Post, "api/posts/no-such-post/submit"),
        "ApprovePost" => new(HttpMethod.Post, "api/posts/no-such-post/approve"),
        "ReturnPost" => new(HttpMethod.Post, "api/posts/no-such-post/return") { Content = new StringContent("{\"note\":\"Sources?\"}") },
        "ListRevisions" => new(HttpMethod.Get, "api/posts/no-such-post/revisions"),
        "ShowRevision" => new(HttpMethod.Get, "api/posts/no-such-post/revisions/20261207T184012345Z-1a2b3c4d"),
        "RestoreRevision" => new(HttpMethod.Post, "api/posts/no-such-post/revisions/20261207T184012345Z-1a2b3c4d/restore"),
        _ => throw new InvalidOperationException($"the matrix has no request for {function}: add one"),
    };

    [Fact]
    public void Every_http_function_has_an_action_and_a_request_in_the_matrix()
    {
        Assert.NotEmpty(ApiTestServer.Endpoints);
        foreach (var name in ApiTestServer.Endpoints.Select(e => e.Name))
        {
            Assert.True(ApiRoutes.ActionOf(name) is not null, $"{name} has no action in ApiRoutes: the gate refuses it to everyone");
            using var request = RequestFor(name, "x");
        }

        Assert.Equal(ApiTestServer.Endpoints.Select(e => e.Name).Order(), ApiRoutes.Functions.Order());
    }

    [Fact]
    public async Task Each_role_gets_what_the_table_says_on_every_endpoint()
    {
        var people = new[] { SignedInApi.Contributor, SignedInApi.Author, SignedInApi.Editor, SignedInApi.Admin, SignedInApi.NoRole };
        var cells = new List<string>();
        foreach (var name in ApiTestServer.Endpoints.Select(e => e.Name))
        {
            var action = ApiRoutes.ActionOf(name)!.Value;
            foreach (var person in people)
            {
                var caller = new Caller(person.Id, person.Name, person.Roles.ToHashSet(), CallerKind.Person);
                using var client = Api.ClientOf(person);
                using var response = await client.SendAsync(RequestFor(name, person.Name.Split(' ')[0].ToLowerInvariant()));
                var status = (int)response.StatusCode;
                var allowed = AccessPolicy.Allows(caller, action);
                if (name == "WhoAmI" && status == 200)
                {
                    Assert.Contains($"\"id\":\"{person.Id}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }

                if (allowed ? status is 401 or 403 : status != 403)
                {
                    cells.Add($"{name} as {person.Name} ({string.Join(",", person.Roles)}): {status}, expected {(allowed ? "the handler's answer" : "403")}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(cells.Count == 0, string.Join("\n", cells));
    }

    [Fact]
    public void The_table_is_the_one_the_issue_asks_for()
    {
        static bool May(Role role, ApiAction action) => AccessPolicy.Allows(new Caller("x", "x", new HashSet<Role> { role }, CallerKind.Person), action);

        // A Contributor writes (drafts; the use case holds them to drafts) but never takes a post off or restores it.
        Assert.True(May(Role.Contributor, ApiAction.WritePost));
        Assert.False(May(Role.Contributor, ApiAction.WithdrawPost));
        Assert.True(May(Role.Author, ApiAction.WithdrawPost));
        Assert.True(May(Role.Editor, ApiAction.RestorePost));
        Assert.True(May(Role.Editor, ApiAction.ReadAudit));
        Assert.False(May(Role.Author, ApiAction.ReadAudit));
        // Site operations are the Admin's alone; an Admin does not write posts unless also given a writing role.
        Assert.True(May(Role.Admin, ApiAction.OperateSite));
        Assert.False(May(Role.Editor, ApiAction.OperateSite));
        Assert.False(May(Role.Admin, ApiAction.WritePost));
    }

    public static TheoryData<string> BadTokens => new(
        "none", "empty bearer", "basic", "not a jwt", "expired", "not yet valid", "wrong audience", "wrong issuer",
        "another tenant", "alg none", "unknown key", "hs256 with the public key", "no expiry", "tampered payload");

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_with_www_authenticate_and_writes_nothing(string kind)
    {
        var before = await Api.Host.SnapshotAsync();
        var editor = SignedInApi.Editor;
        var authorization = kind switch
        {
            "none" => null,
            "empty bearer" => "Bearer ",
            "basic" => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("editor:secret")),
            "not a jwt" => "Bearer not.a.jwt",
            "expired" => Bearer(d => { d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddHours(-3); d.Expires = DateTime.UtcNow.AddHours(-1); }),
            "not yet valid" => Bearer(d => { d.NotBefore = DateTime.UtcNow.AddHours(1); d.Expires = DateTime.UtcNow.AddHours(2); }),
            "wrong audience" => Bearer(d => d.Audience = "api://another-app"),
            "wrong issuer" => Bearer(d => d.Issuer = "https://login.example.net/evil/v2.0"),
            "another tenant" => Bearer(d => { d.Issuer = Api.Issuer.IssuerOf("11111111-2222-4333-8444-555555555555"); d.Claims["tid"] = "11111111-2222-4333-8444-555555555555"; }),
            "alg none" => "Bearer " + Unsigned(editor),
            "unknown key" => Bearer(d => d.SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "made-up" }, SecurityAlgorithms.RsaSha256)),
            "hs256 with the public key" => Bearer(d => d.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.ASCII.GetBytes(new string('k', 64))), SecurityAlgorithms.HmacSha256)),
            "no expiry" => "Bearer " + NoExpiry(editor),
            "tampered payload" => "Bearer " + Tampered(Api.TokenOf(SignedInApi.Contributor)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var client = Api.Client(authorization);

        using var response = await client.PutAsync("api/posts/bad-token", SignedInApi.Markdown("Bad token"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("realm=\"covalent-bond\"", challenge.Parameter, StringComparison.Ordinal);
        if (authorization is { Length: > 7 } && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        }

        Assert.Equal(before, await Api.Host.SnapshotAsync());
        Assert.Null(await Api.Host.ReadSiteTextAsync("posts/bad-token/index.html"));
        return;

        string Bearer(Action<SecurityTokenDescriptor> change) => "Bearer " + Api.Issuer.Issue(editor.Id, editor.Name, editor.Roles, changes: change);
    }

    [Fact]
    public async Task An_app_token_with_a_role_is_a_service_caller_and_signing_key_rollover_is_followed()
    {
        // A machine caller (CI, an import script): an app registration with the Editor role, no shared key.
        using var service = Api.Client("Bearer " + Api.Issuer.IssueForApp("5e000000-0000-4000-8000-000000000001", "ci-import", [Role.Editor]));
        using var published = await service.PutAsync("api/posts/from-ci", SignedInApi.Markdown("From CI"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        // Entra rolls its keys over: tokens name a key the app has not fetched yet; it reads the keys again and accepts them.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Api.Issuer.RollKeys();
        using var editor = Api.ClientOf(SignedInApi.Editor);
        using var afterRollover = await editor.GetAsync("api/posts");
        Assert.Equal(HttpStatusCode.OK, afterRollover.StatusCode);

        using var audit = await editor.GetAsync("api/audit?post=from-ci");
        var text = await audit.Content.ReadAsStringAsync();
        Assert.Contains("\"callerKind\":\"service\"", text, StringComparison.Ordinal);
        Assert.Contains("\"callerName\":\"ci-import\"", text, StringComparison.Ordinal);
    }

    /// <summary>A token with <c>alg: none</c> and no signature: the Editor's claims, unsigned.</summary>
    private string Unsigned((string Id, string Name, Role[] Roles) person)
    {
        var signed = Api.TokenOf(person).Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return $"{header}.{signed[1]}.";
    }

    /// <summary>A properly signed token with no <c>exp</c>.</summary>
    private string NoExpiry((string Id, string Name, Role[] Roles) person) =>
        Api.Issuer.Issue(person.Id, person.Name, person.Roles, changes: d =>
        {
            d.Expires = null;
            d.NotBefore = null;
            d.IssuedAt = null;
        });

    /// <summary>A Contributor's valid token with its payload changed to claim the Editor role (the signature no longer matches).</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"Contributor\"", "\"Editor\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
