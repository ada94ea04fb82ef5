namespace CovalentBond.Publishing.Ports;

/// <summary>
/// Which post holds each alias's file: one row per file, taken atomically, so that two posts publishing the same alias
/// at once cannot both hold it. Files are compared without regard to case.
/// </summary>
public interface IAliasClaims
{
    /// <summary>The claim on <paramref name="file"/>, or null when no post has claimed it.</summary>
    Task<AliasClaim?> GetAsync(string file, CancellationToken cancellationToken);

    /// <summary>Claims <paramref name="file"/> for <paramref name="slug"/>: where none is (<paramref name="over"/> null) or over that claim, unchanged since read.</summary>
    /// <returns>False when another claim came first.</returns>
    Task<bool> TryClaimAsync(string file, string slug, AliasClaim? over, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="slug"/>'s claim on <paramref name="file"/>, if it still holds it.</summary>
    Task ReleaseAsync(string file, string slug, CancellationToken cancellationToken);
}

/// <summary>A post's hold on an alias's file, as read.</summary>
/// <param name="Tag">What the store needs to replace exactly this claim (an ETag).</param>
public sealed record AliasClaim(string File, string Slug, DateTimeOffset ClaimedAt, string Tag);
