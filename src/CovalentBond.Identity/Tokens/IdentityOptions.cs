namespace CovalentBond.Identity.Tokens;

/// <summary>
/// Where the API's access tokens come from, bound from the <c>Identity</c> section. On Azure the authority is the
/// tenant's Entra ID (<c>https://login.microsoftonline.com/{tenant}/v2.0</c>); in <c>covalent dev</c> and the tests, the
/// local issuer's address. Nothing else differs. With no authority set, every API call is refused (401): there is no
/// anonymous mode.
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The OpenID Connect authority; its <c>/.well-known/openid-configuration</c> names the issuer and the keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The API's audience: its Application ID URI (<c>api://…</c>) or client id, as the tokens carry it in <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>The tenant whose tokens are accepted (the <c>tid</c> claim); when set, a token of another tenant is refused even if its issuer were accepted.</summary>
    public string? TenantId { get; set; }

    /// <summary>How far a token's lifetime may be off the app's clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The least time between two reads of the signing keys when a token names a key the app does not know (key
    /// rollover): a flood of tokens with made-up key ids costs at most one read per interval.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when tokens can be validated at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(Audience);
}
