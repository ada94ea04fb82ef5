using System.Security.Cryptography;
using System.Text.Json;
using CovalentBond.Publishing.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CovalentBond.Identity.Local;

/// <summary>
/// An OpenID issuer on the loopback address, for <c>covalent dev</c> and the tests: its OpenID configuration and JWKS
/// are served as Entra serves them, its RSA keys are made at start and never leave the process, and the tokens it
/// issues are real RS256 JWTs that the production validator checks like any other. It holds no users: whoever holds
/// the process asks it for a token with the roles they want, which is what a local issuer is for.
/// </summary>
public sealed class LocalTokenIssuer : IAsyncDisposable
{
    private readonly WebApplication server;
    private readonly List<RsaSecurityKey> keys = [];
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    private LocalTokenIssuer(WebApplication server, string baseAddress, string tenantId, string audience)
    {
        this.server = server;
        TenantId = tenantId;
        Audience = audience;
        BaseAddress = baseAddress;
        RollKeys();
    }

    /// <summary>The authority to configure (<c>Identity:Authority</c>): <c>http://127.0.0.1:{port}/{tenant}/v2.0</c>.</summary>
    public string Authority => IssuerOf(TenantId);

    public string BaseAddress { get; }

    public string TenantId { get; }

    public string Audience { get; }

    /// <summary>The device sign-in (<c>covalent login</c>), when the issuer hands out tokens; null otherwise.</summary>
    public LocalDeviceSignIn? DeviceSignIn { get; private set; }

    /// <summary>The key tokens are signed with now: the newest.</summary>
    private RsaSecurityKey SigningKey => keys[^1];

    /// <summary>Starts the issuer on a free loopback port (or <paramref name="port"/>).</summary>
    /// <param name="audience">The API the tokens are for.</param>
    /// <param name="tenantId">The tenant the tokens name.</param>
    /// <param name="port">The loopback port, 0 for a free one.</param>
    /// <param name="handOutTokens">
    /// For <c>covalent dev</c>: also answer <c>GET /local/token?role=Editor[&amp;name=…]</c> with a token for a made-up
    /// person of that role, the local stand-in for signing in (the role picker of a local issuer), and serve the device
    /// sign-in <c>covalent login</c> uses (<see cref="LocalDeviceSignIn"/>) and the code sign-in with PKCE of <c>/admin</c>
    /// (<see cref="LocalCodeSignIn"/>). Loopback only.
    /// </param>
    public static async Task<LocalTokenIssuer> StartAsync(
        string audience, string tenantId = "00000000-0000-4000-8000-00000000c0ba", int port = 0, bool handOutTokens = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        var server = builder.Build();
        LocalTokenIssuer? issuer = null;
        // The browser's sign-in (/admin) reads the configuration and keys and redeems its code across origins, as from Entra.
        server.Use(async (context, next) =>
        {
            LocalCodeSignIn.AllowOrigin(context);
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(context);
        });
        server.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(issuer!.Discovery(tenant)));
        server.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Text(issuer!.KeySet(), "application/json"));
        LocalDeviceSignIn? deviceSignIn = null;
        if (handOutTokens)
        {
            var codeSignIn = new LocalCodeSignIn(() => issuer!);
            codeSignIn.Map(server);
            deviceSignIn = new LocalDeviceSignIn(() => issuer!, codeSignIn);
            deviceSignIn.Map(server);
            server.MapGet("/local/token", (string? role, string? name) =>
                Enum.GetValues<Role>().Where(r => string.Equals(r.ToString(), role, StringComparison.OrdinalIgnoreCase)).ToList() is [var picked]
                    ? Results.Text(issuer!.Issue(LocalPersonId(picked), name ?? $"Local {picked}", [picked], TimeSpan.FromHours(8)))
                    : Results.Problem($"role must be one of {string.Join(", ", Enum.GetNames<Role>())}", statusCode: 400));
        }

        await server.StartAsync();
        issuer = new LocalTokenIssuer(server, server.Urls.First().TrimEnd('/'), tenantId, audience);
        issuer.DeviceSignIn = deviceSignIn;
        return issuer;
    }

    /// <summary>
    /// Makes a new signing key and publishes it beside the old ones, as Entra does when it rolls its keys over: tokens
    /// from now on name the new key, which a validator has to fetch.
    /// </summary>
    public void RollKeys()
    {
        lock (keys)
        {
            keys.Add(new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") });
        }
    }

    /// <summary>A signed access token for a person with <paramref name="roles"/>, as Entra would issue it for the API.</summary>
    /// <param name="objectId">The person's object id (<c>oid</c>).</param>
    /// <param name="name">Their display name.</param>
    /// <param name="roles">The app roles they hold.</param>
    /// <param name="lifetime">How long the token is valid (an hour, as Entra's are by default).</param>
    /// <param name="changes">Changes to the claims or header before signing (the tests' other tenants, audiences and issuers).</param>
    public string Issue(string objectId, string name, IEnumerable<Role> roles, TimeSpan? lifetime = null, Action<SecurityTokenDescriptor>? changes = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["oid"] = objectId,
                ["sub"] = objectId,
                ["tid"] = TenantId,
                ["name"] = name,
                ["scp"] = "Posts.ReadWrite",
                ["roles"] = roles.Select(r => r.ToString()).ToArray(),
            },
        };
        changes?.Invoke(descriptor);
        return handler.CreateToken(descriptor);
    }

    /// <summary>A token for an app (a managed identity, CI): <c>idtyp=app</c>, no scopes, no name.</summary>
    public string IssueForApp(string objectId, string appId, IEnumerable<Role> roles) =>
        Issue(objectId, appId, roles, changes: d =>
        {
            d.Claims.Remove("name");
            d.Claims.Remove("scp");
            d.Claims["idtyp"] = "app";
            d.Claims["azp"] = appId;
        });

    /// <summary>The object id of the made-up local person of a role: the same on every start, so ownership survives a restart.</summary>
    public static string LocalPersonId(Role role) => $"10ca1000-0000-4000-8000-00000000000{(int)role}";

    /// <summary>The issuer a tenant's tokens name.</summary>
    public string IssuerOf(string tenant) => $"{BaseAddress}/{tenant}/v2.0";

    private Dictionary<string, object> Discovery(string tenant) => new()
    {
        ["issuer"] = IssuerOf(tenant),
        ["jwks_uri"] = $"{BaseAddress}/{tenant}/discovery/v2.0/keys",
        ["authorization_endpoint"] = $"{BaseAddress}/{tenant}/oauth2/v2.0/authorize",
        ["token_endpoint"] = $"{BaseAddress}/{tenant}/oauth2/v2.0/token",
        ["device_authorization_endpoint"] = $"{BaseAddress}/{tenant}/oauth2/v2.0/devicecode",
        ["end_session_endpoint"] = $"{BaseAddress}/{tenant}/oauth2/v2.0/logout",
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["response_types_supported"] = new[] { "code" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = new[] { "openid", "profile", "offline_access" },
        ["subject_types_supported"] = new[] { "pairwise" },
    };

    private string KeySet()
    {
        lock (keys)
        {
            var published = keys.Select(k =>
            {
                var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(k.Rsa.ExportParameters(false)) { KeyId = k.KeyId });
                return new Dictionary<string, string?> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.Kid, ["n"] = key.N, ["e"] = key.E };
            });
            return JsonSerializer.Serialize(new { keys = published });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        foreach (var key in keys)
        {
            key.Rsa.Dispose();
        }
    }
}
