using System.Net;
using CovalentBond.Publishing.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CovalentBond.Identity.Tokens;

/// <summary>
/// Validates an Entra ID access token and turns it into a <see cref="Caller"/>: issuer and signing keys from the
/// authority's OpenID configuration (read once, refreshed on its own schedule and when a token names an unknown key,
/// which is how Entra rolls its keys over), audience, lifetime, tenant, and RS256 only (<c>alg: none</c> and HMAC are
/// refused). The same code runs on Azure, in <c>covalent dev</c> and in the tests; only the authority differs.
/// </summary>
public sealed class AccessTokenValidator
{
    private readonly IdentityOptions options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? configuration;
    private readonly HttpDocumentRetriever? documents;
    private readonly string? metadataAddress;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly Lock refreshing = new();
    private OpenIdConnectConfiguration? reread;
    private DateTimeOffset rereadAt = DateTimeOffset.MinValue;

    public AccessTokenValidator(IdentityOptions options, HttpClient? http = null)
    {
        this.options = options;
        if (options.IsConfigured)
        {
            var authority = options.Authority!.TrimEnd('/');
            documents = new HttpDocumentRetriever(http ?? new HttpClient()) { RequireHttps = !IsLoopback(authority) };
            metadataAddress = authority + "/.well-known/openid-configuration";
            configuration = new ConfigurationManager<OpenIdConnectConfiguration>(metadataAddress, new OpenIdConnectConfigurationRetriever(), documents)
            {
                RefreshInterval = options.KeyRefreshInterval,
            };
        }
    }

    /// <param name="authorization">The request's <c>Authorization</c> header, as sent.</param>
    public async Task<TokenCheck> ValidateAsync(string? authorization, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return TokenCheck.Missing;
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            return TokenCheck.Refused("the Authorization header is not a bearer token");
        }

        if (configuration is null)
        {
            return TokenCheck.Refused("sign-in is not configured on this site (Identity:Authority and Identity:Audience)");
        }

        var token = authorization[7..].Trim();
        var result = await ValidateWithKeysAsync(token, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && await RereadKeysAsync(cancellationToken))
        {
            // A key the app had not seen: the authority may have rolled its keys over. They were read again; once more.
            result = await ValidateWithKeysAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            return TokenCheck.Refused(Describe(result.Exception));
        }

        var claims = result.Claims;
        if (options.TenantId is { Length: > 0 } tenant && !string.Equals(Text(claims, "tid"), tenant, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Refused("the token is for another tenant");
        }

        return CallerOf(claims) is { } caller ? TokenCheck.Valid(caller) : TokenCheck.Refused("the token names no object id (oid)");
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await configuration!.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenException("the sign-in authority's keys could not be read", ex) };
        }

        var keys = reread is { } fresh && fresh.Issuer == metadata.Issuer ? metadata.SigningKeys.Concat(fresh.SigningKeys).ToList() : metadata.SigningKeys.ToList();
        return await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = options.ClockSkew,
        });
    }

    /// <summary>
    /// Reads the authority's configuration now, at most once per <see cref="IdentityOptions.KeyRefreshInterval"/>, and
    /// asks the configuration manager to refresh too (it does so in the background, so the keys read here are used
    /// until it has). False when it is too soon or the read failed.
    /// </summary>
    private async Task<bool> RereadKeysAsync(CancellationToken cancellationToken)
    {
        lock (refreshing)
        {
            var now = DateTimeOffset.UtcNow;
            if (now - rereadAt < options.KeyRefreshInterval)
            {
                return false;
            }

            rereadAt = now;
        }

        try
        {
            reread = await OpenIdConnectConfigurationRetriever.GetAsync(metadataAddress!, documents!, cancellationToken);
            configuration!.RequestRefresh();
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The caller the claims name: object id, a display name, the app roles this site knows, person or service.</summary>
    internal static Caller? CallerOf(IDictionary<string, object> claims)
    {
        if ((Text(claims, "oid") ?? Text(claims, "sub")) is not { Length: > 0 } id)
        {
            return null;
        }

        var roles = new HashSet<Role>();
        foreach (var text in Texts(claims, "roles"))
        {
            // The exact value the app registration declares: Enum.TryParse would take "Editor " or "editor", and read
            // "Editor,Admin" as the two flags or'ed together (Admin).
            foreach (var role in Enum.GetValues<Role>().Where(r => string.Equals(r.ToString(), text, StringComparison.Ordinal)))
            {
                roles.Add(role);
            }
        }

        // An app-only token (a managed identity, CI) says idtyp=app; a person's delegated token has scopes.
        var isApp = Text(claims, "idtyp") == "app" || (Text(claims, "scp") is null && Text(claims, "name") is null);
        var name = Text(claims, "name") ?? Text(claims, "preferred_username") ?? Text(claims, "azp") ?? Text(claims, "appid") ?? id;
        return new Caller(id, name, roles, isApp ? CallerKind.Service : CallerKind.Person);
    }

    private static string? Text(IDictionary<string, object> claims, string type) => claims.TryGetValue(type, out var value) ? value as string : null;

    private static IEnumerable<string> Texts(IDictionary<string, object> claims, string type) =>
        !claims.TryGetValue(type, out var value) ? []
        : value is string one ? [one]
        : value is IEnumerable<object> many ? many.OfType<string>()
        : [];

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenInvalidAlgorithmException => "the token is not signed with RS256",
        SecurityTokenSignatureKeyNotFoundException => "the token is signed with a key the issuer does not publish",
        SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        SecurityTokenMalformedException => "the token is not a JSON web token",
        SecurityTokenException own when own.Message.StartsWith("the sign-in", StringComparison.Ordinal) => own.Message,
        _ => "the token is not valid",
    };

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
