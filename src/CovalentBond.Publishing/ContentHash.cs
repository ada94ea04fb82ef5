using System.Security.Cryptography;
using System.Text;

namespace CovalentBond.Publishing;

/// <summary>
/// The one content hash of the system: SHA-256 as lowercase hex. Sources, pages, images and the theme are
/// compared by it; a shortened form (<see cref="Of(ReadOnlySpan{byte}, int)"/>) names files and fingerprints.
/// </summary>
public static class ContentHash
{
    /// <summary>The SHA-256 of <paramref name="content"/>, 64 lowercase hex digits.</summary>
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The first <paramref name="length"/> hex digits of <see cref="Of(ReadOnlySpan{byte})"/>.</summary>
    public static string Of(ReadOnlySpan<byte> content, int length) => Of(content)[..length];

    /// <summary>The hash of <paramref name="text"/> as UTF-8.</summary>
    public static string OfText(string text) => Of(Encoding.UTF8.GetBytes(text));
}
