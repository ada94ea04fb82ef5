namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// The one Content-Security-Policy of the site's pages: sent by Front Door as a header (infra/main.bicep, checked by a
/// test) and written into every page as a <c>&lt;meta&gt;</c>, so pages served from the storage account's own address
/// carry it too. Pages hold no inline style (table alignment is a class, the sanitizer keeps no <c>style</c>) and no
/// script, so <c>style-src 'self'</c> and <c>script-src 'none'</c> change nothing a reader sees.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The policy as a page's <c>&lt;meta&gt;</c> carries it: a meta policy cannot say <c>frame-ancestors</c>.</summary>
    public static string ForMeta(EmbedPolicy embeds) =>
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; "
        + $"frame-src {string.Join(' ', embeds.Ordered.Select(h => "https://" + h))}; base-uri 'self'; form-action 'self'";

    /// <summary>The policy as Front Door's header sends it: the meta policy, and no site may frame the pages.</summary>
    public static string ForHeader(EmbedPolicy embeds) => ForMeta(embeds) + "; frame-ancestors 'none'";
}
