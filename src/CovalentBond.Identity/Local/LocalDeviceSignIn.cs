using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using CovalentBond.Publishing.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CovalentBond.Identity.Local;

/// <summary>
/// The local issuer's side of the device authorization grant (RFC 8628), which Entra ID serves at its
/// <c>device_authorization_endpoint</c> and <c>token_endpoint</c>: <c>covalent login</c> asks for a code, the person
/// opens <c>/local/device</c>, enters it and picks a role (the local stand-in for signing in), and the CLI's polling
/// gets an access token and a refresh token. Loopback only, for <c>covalent dev</c> and the tests.
/// </summary>
public sealed class LocalDeviceSignIn(Func<LocalTokenIssuer> issuerOf, LocalCodeSignIn codes)
{
    /// <summary>How long a code may wait for its approval, as Entra's do (15 minutes).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Pending> byDeviceCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Role> refreshTokens = new(StringComparer.Ordinal);

    /// <summary>The user codes waiting for someone to enter them.</summary>
    public IReadOnlyList<string> PendingUserCodes => byDeviceCode.Values.Where(p => p.Role is null && !p.Expired).Select(p => p.UserCode).ToList();

    /// <summary>Approves a waiting code as the local person of <paramref name="role"/>; false when no such code waits.</summary>
    public bool Approve(string userCode, Role role)
    {
        var pending = byDeviceCode.Values.FirstOrDefault(p => string.Equals(p.UserCode, userCode.Trim(), StringComparison.OrdinalIgnoreCase) && p.Role is null && !p.Expired);
        if (pending is null)
        {
            return false;
        }

        pending.Role = role;
        return true;
    }

    internal void Map(WebApplication server)
    {
        server.MapPost("/{tenant}/oauth2/v2.0/devicecode", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (string.IsNullOrEmpty(form["client_id"]))
            {
                return Error("invalid_request", "client_id is required");
            }

            var pending = new Pending(Random(32), $"{Letters(4)}-{Letters(4)}", DateTimeOffset.UtcNow + CodeLifetime);
            byDeviceCode[pending.DeviceCode] = pending;
            var verification = $"{issuerOf().BaseAddress}/local/device";
            return Results.Json(new Dictionary<string, object>
            {
                ["device_code"] = pending.DeviceCode,
                ["user_code"] = pending.UserCode,
                ["verification_uri"] = verification,
                ["expires_in"] = (int)CodeLifetime.TotalSeconds,
                ["interval"] = 1,
                ["message"] = $"To sign in, open {verification} and enter the code {pending.UserCode}.",
            });
        });
        server.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form["grant_type"].ToString() switch
            {
                "urn:ietf:params:oauth:grant-type:device_code" => ByDeviceCode(form["device_code"].ToString()),
                "authorization_code" => codes.ByCode(form),
                "refresh_token" => codes.ByRefreshToken(form["refresh_token"].ToString(), form["client_id"]) ?? ByRefreshToken(form["refresh_token"].ToString()),
                _ => Error("unsupported_grant_type", "device_code, authorization_code and refresh_token grants only"),
            };
        });
        server.MapGet("/local/device", () => Results.Content(Page(null), "text/html; charset=utf-8"));
        server.MapPost("/local/device", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var role = Enum.GetValues<Role>().Where(r => r.ToString() == form["role"]).ToList();
            var done = role is [var picked] && Approve(form["user_code"].ToString(), picked);
            return Results.Content(Page(done ? $"Signed in as Local {role[0]}: return to the terminal." : "No such code is waiting, or no role was picked."), "text/html; charset=utf-8");
        });
    }

    private IResult ByDeviceCode(string deviceCode)
    {
        if (!byDeviceCode.TryGetValue(deviceCode, out var pending))
        {
            return Error("invalid_grant", "unknown device code");
        }

        if (pending.Expired)
        {
            byDeviceCode.TryRemove(deviceCode, out _);
            return Error("expired_token", "the code expired before it was entered");
        }

        if (pending.Role is not { } role)
        {
            return Error("authorization_pending", "the code has not been entered yet");
        }

        byDeviceCode.TryRemove(deviceCode, out _);
        return Tokens(role);
    }

    private IResult ByRefreshToken(string refreshToken) =>
        refreshTokens.TryRemove(refreshToken, out var role) ? Tokens(role) : Error("invalid_grant", "the refresh token is not known, or was used already");

    /// <summary>An access token for the local person of the role, and a new refresh token (each is used once, as Entra rotates them).</summary>
    private IResult Tokens(Role role)
    {
        var refresh = Random(32);
        refreshTokens[refresh] = role;
        var lifetime = TimeSpan.FromHours(1);
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["access_token"] = issuerOf().Issue(LocalTokenIssuer.LocalPersonId(role), $"Local {role}", [role], lifetime),
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["refresh_token"] = refresh,
            ["scope"] = $"{issuerOf().Audience}/.default",
        });
    }

    private static IResult Error(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: 400);

    private static string Page(string? said) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign in to covalent dev</title></head>
        <body><main><h1>Sign in to covalent dev</h1>
        {(said is null ? string.Empty : $"<p role=\"status\">{WebUtility.HtmlEncode(said)}</p>")}
        <form method="post"><p><label for="code">The code the terminal shows</label> <input id="code" name="user_code" autocomplete="off" required></p>
        <fieldset><legend>Sign in as</legend>
        {string.Join("\n", Enum.GetNames<Role>().Select(r => $"<label><input type=\"radio\" name=\"role\" value=\"{r}\" required> Local {r}</label>"))}
        </fieldset><p><button>Sign in</button></p></form></main></body></html>
        """;

    private static string Random(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Letters a person reads and types without mistaking one for another.</summary>
    private static string Letters(int count) => RandomNumberGenerator.GetString("BCDFGHJKLMNPQRSTVWXZ", count);

    private sealed class Pending(string deviceCode, string userCode, DateTimeOffset expiresAt)
    {
        public string DeviceCode { get; } = deviceCode;

        public string UserCode { get; } = userCode;

        public bool Expired => DateTimeOffset.UtcNow > expiresAt;

        public Role? Role { get; set; }
    }
}
