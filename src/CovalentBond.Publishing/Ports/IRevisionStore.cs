using CovalentBond.Publishing.Identity;

namespace CovalentBond.Publishing.Ports;

/// <summary>One accepted version of a post's source: who sent it, when, and what came of it.</summary>
/// <param name="Slug">The post.</param>
/// <param name="Id">Sortable and unique: the time to the millisecond and the start of the hash (<c>20261207T184012345Z-1a2b3c4d</c>).</param>
/// <param name="ContentHash">SHA-256 of the source.</param>
/// <param name="At">When it was accepted.</param>
/// <param name="By">Who sent it.</param>
/// <param name="Action">How it came: <c>publish</c>, <c>restore-revision</c>…</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record PostRevision(string Slug, string Id, string ContentHash, DateTimeOffset At, Principal By, string Action, long Length)
{
    public static string IdOf(DateTimeOffset at, string contentHash) =>
        at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + contentHash[..Math.Min(8, contentHash.Length)];

    /// <summary>True for a string that could be an id (so it can name a blob safely).</summary>
    public static bool IsId(string text) =>
        text.Length is > 20 and < 40 && text.All(c => char.IsAsciiDigit(c) || c is 'T' or 'Z' or '-' || char.IsAsciiHexDigitLower(c));
}

/// <summary>Every accepted version of every post's source, kept for history, diff and restore. Only ever added to.</summary>
public interface IRevisionStore
{
    Task SaveAsync(PostRevision revision, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The post's revisions, newest first.</summary>
    Task<IReadOnlyList<PostRevision>> ListAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>One revision and its source, or null.</summary>
    Task<(PostRevision Revision, byte[] Content)?> ReadAsync(string slug, string id, CancellationToken cancellationToken = default);
}
