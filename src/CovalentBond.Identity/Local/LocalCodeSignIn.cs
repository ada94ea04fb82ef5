using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CovalentBond.Publishing.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CovalentBond.Identity.Local;

/// <summary>
/// The local issuer's side of the authorization code grant with PKCE (RFC 7636), which Entra ID serves to single-page
/// apps and which MSAL in the browser uses: <c>/admin</c> sends the person to the <c>authorization_endpoint</c>, where
/// the local issuer shows a role picker (the local stand-in for signing in) and redirects back with a code; the app
/// trades the code and its PKCE verifier at the <c>token_endpoint</c> for an access token to the API, an ID token for
/// itself and a refresh token. As Entra does for SPAs, the token endpoint answers cross-origin calls. Only loopback
/// redirect addresses are accepted, and only the S256 challenge. Loopback only, for <c>covalent dev</c> and the tests.
/// </summary>
public sealed class LocalCodeSignIn(Func<LocalTokenIssuer> issuerOf)
{
    /// <summary>How long a code may wait to be redeemed (Entra's are shorter-lived still).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Grant> byCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> byRefreshToken = new(StringComparer.Ordinal);

    internal void Map(WebApplication server)
    {
        server.MapGet("/{tenant}/oauth2/v2.0/authorize", (HttpRequest request) =>
            Check(request.Query) is { } problem
                ? Results.Content(Page(null, problem), "text/html; charset=utf-8", statusCode: 400)
                : Results.Content(Page(request.Query, null), "text/html; charset=utf-8"));
        server.MapPost("/{tenant}/oauth2/v2.0/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (Check(form) is { } problem)
            {
                return Results.Content(Page(null, problem), "text/html; charset=utf-8", statusCode: 400);
            }

            var state = form["state"].ToString();
            var redirect = form["redirect_uri"].ToString();
            var separator = form["response_mode"] == "fragment" ? "#" : redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            if (Enum.GetValues<Role>().Where(r => r.ToString() == form["role"]).ToList() is not [var role])
            {
                return Results.Redirect($"{redirect}{separator}error=access_denied&error_description=no+role+was+picked&state={Uri.EscapeDataString(state)}");
            }

            var code = RandomText(32);
            byCode[code] = new Grant(role, form["client_id"]!, redirect, form["code_challenge"]!, form["nonce"], DateTimeOffset.UtcNow + CodeLifetime);
            return Results.Redirect($"{redirect}{separator}code={code}&state={Uri.EscapeDataString(state)}");
        });
        server.MapGet("/{tenant}/oauth2/v2.0/logout", (string? post_logout_redirect_uri) =>
            post_logout_redirect_uri is { } back && IsLoopback(back) ? Results.Redirect(back) : Results.Text("Signed out."));
    }

    /// <summary>The <c>authorization_code</c> grant: the code, once, with the verifier whose S256 hash it was issued for.</summary>
    internal IResult ByCode(IFormCollection form)
    {
        if (!byCode.TryRemove(form["code"].ToString(), out var grant) || grant.Expired)
        {
            return Error("invalid_grant", "the code is not known, was used already, or expired");
        }

        if (grant.ClientId != form["client_id"] || grant.RedirectUri != form["redirect_uri"])
        {
            return Error("invalid_grant", "the client_id or redirect_uri is not the one the code was issued to");
        }

        var verifier = form["code_verifier"].ToString();
        var hash = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length is < 43 or > 128 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(grant.Challenge)))
        {
            return Error("invalid_grant", "the code_verifier does not match the code_challenge");
        }

        return Tokens(grant);
    }

    /// <summary>The <c>refresh_token</c> grant for a refresh token this sign-in issued; null when it issued no such token.</summary>
    internal IResult? ByRefreshToken(string refreshToken, string? clientId) =>
        byRefreshToken.TryRemove(refreshToken, out var grant)
            ? grant.ClientId == clientId ? Tokens(grant with { Nonce = StringValues.Empty }) : Error("invalid_grant", "the refresh token was issued to another client")
            : null;

    private IResult Tokens(Grant grant)
    {
        var issuer = issuerOf();
        var refresh = RandomText(32);
        byRefreshToken[refresh] = grant;
        var lifetime = TimeSpan.FromHours(1);
        var person = LocalTokenIssuer.LocalPersonId(grant.Role);
        var name = $"Local {grant.Role}";
        var idToken = issuer.Issue(person, name, [grant.Role], lifetime, d =>
        {
            d.Audience = grant.ClientId;
            d.Claims.Remove("scp");
            d.Claims["preferred_username"] = $"{grant.Role.ToString().ToLowerInvariant()}@covalent-dev.localhost";
            if (!StringValues.IsNullOrEmpty(grant.Nonce))
            {
                d.Claims["nonce"] = grant.Nonce.ToString();
            }
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["access_token"] = issuer.Issue(person, name, [grant.Role], lifetime),
            ["id_token"] = idToken,
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["refresh_token"] = refresh,
            ["scope"] = $"{issuer.Audience}/Posts.ReadWrite openid profile offline_access",
        });
    }

    /// <summary>What is wrong with an authorization request, or null.</summary>
    private static string? Check(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var p = parameters.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        string Get(string key) => p.TryGetValue(key, out var value) ? value : "";
        if (Get("response_type") != "code")
        {
            return "response_type must be 'code'";
        }

        if (Get("client_id").Length == 0)
        {
            return "client_id is required";
        }

        if (!IsLoopback(Get("redirect_uri")))
        {
            return "redirect_uri must be an http address on localhost or 127.0.0.1: the local issuer signs in local apps only";
        }

        if (Get("code_challenge_method") != "S256" || Get("code_challenge").Length != 43)
        {
            return "PKCE is required: code_challenge (S256, 43 characters) and code_challenge_method=S256";
        }

        return null;
    }

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && uri.UserInfo.Length == 0;

    /// <summary>The cross-origin headers Entra sends SPAs from its token endpoint, for a loopback origin.</summary>
    internal static void AllowOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && IsLoopback(origin))
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.AccessControlAllowMethods = "GET, POST";
            context.Response.Headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked ? asked : "content-type";
            context.Response.Headers.Vary = "Origin";
        }
    }

    private static IResult Error(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: 400);

    private static string Page(IQueryCollection? query, string? problem)
    {
        static string e(string? text) => WebUtility.HtmlEncode(text ?? "");
        if (problem is not null)
        {
            return $"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>
                <body><main><h1>Sign-in refused</h1><p role="alert">{e(problem)}</p></main></body></html>
                """;
        }

        var hidden = string.Join("\n", query!.Where(kv => kv.Key != "role")
            .Select(kv => $"<input type=\"hidden\" name=\"{e(kv.Key)}\" value=\"{e(kv.Value.ToString())}\">"));
        var roles = string.Join("\n", Enum.GetNames<Role>().Select((r, i) =>
            $"<p><label><input type=\"radio\" name=\"role\" value=\"{r}\" required{(i == 0 ? " autofocus" : "")}> Local {r}</label></p>"));
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Sign in to covalent dev</title></head>
            <body><main><h1>Sign in to covalent dev</h1>
            <p>The local issuer of <code>covalent dev</code> holds no passwords: pick the role to sign in with.</p>
            <form method="post">{hidden}
            <fieldset><legend>Sign in as</legend>
            {roles}
            </fieldset><p><button>Sign in</button></p></form></main></body></html>
            """;
    }

    private static string RandomText(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    private sealed record Grant(Role Role, string ClientId, string RedirectUri, string Challenge, StringValues Nonce, DateTimeOffset ExpiresAt)
    {
        public bool Expired => DateTimeOffset.UtcNow > ExpiresAt;
    }
}
