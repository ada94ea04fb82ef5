using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CovalentBond.Publishing.Webhooks;

/// <summary>
/// <c>X-Covalent-Signature: t=1733650000,sha256=…</c>: HMAC-SHA256 with the subscription's secret over the timestamp, a dot
/// and the body, as Stripe and Ghost sign theirs. A receiver recomputes it, compares in constant time, and refuses a
/// timestamp older than a few minutes (a replayed request).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Covalent-Signature";

    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},sha256={Hash(secret, timestamp, body)}";
    }

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var timestamp) || !parts.TryGetValue("sha256", out var given)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret, timestamp, body)), Encoding.ASCII.GetBytes(given));
    }

    private static string Hash(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
