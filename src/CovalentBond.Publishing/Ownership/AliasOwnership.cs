using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Ownership;

/// <summary>
/// Decides, before anything is written, whether a post may hold each of its aliases: not the address of another post's
/// article, not an alias another post holds. The site's own files were refused when the post was read (<see cref="SiteFiles"/>).
/// </summary>
public sealed class AliasOwnership(IPostIndex index, IAliasClaims claims, SiteOptions site, TimeProvider clock)
{
    /// <summary>
    /// How long a claim whose post has no record yet is held: the claim is made before the record is saved, and a
    /// publish that failed in between leaves one behind that nobody must be kept from for long.
    /// </summary>
    private static readonly TimeSpan UnrecordedClaimLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Claims every alias of <paramref name="post"/>; the problem naming the owner of the first it may not hold, or null.</summary>
    /// <remarks>
    /// Every alias is looked at first, with reads only, so that a refusal writes nothing; then each is claimed. A claim lost
    /// to a post publishing the same alias at that moment releases the ones this post just took.
    /// </remarks>
    public async Task<PostProblem?> ClaimAsync(Post post, CancellationToken cancellationToken)
    {
        var files = new List<(string Alias, string File)>();
        foreach (var alias in post.Aliases)
        {
            if (AliasAddress.FileOf(alias) is not { } file)
            {
                continue; // the reader made every alias canonical
            }

            if (await ArticleOwnerAsync(file, post.Slug, cancellationToken) is { } article)
            {
                return new PostProblem(null, "aliases", $"'{alias}' is the address of the post '{article}': an alias cannot take another post's page");
            }

            if (await claims.GetAsync(file, cancellationToken) is { } claim && claim.Slug != post.Slug && await StillHeldAsync(claim, cancellationToken))
            {
                return Held(alias, file, claim.Slug);
            }

            files.Add((alias, file));
        }

        var taken = new List<string>();
        foreach (var (alias, file) in files)
        {
            if (await ClaimAsync(file, post.Slug, cancellationToken) is { } holder)
            {
                foreach (var mine in taken)
                {
                    await claims.ReleaseAsync(mine, post.Slug, cancellationToken);
                }

                return Held(alias, file, holder);
            }

            taken.Add(file);
        }

        return null;
    }

    private static PostProblem Held(string alias, string file, string holder) =>
        new(null, "aliases", $"'{alias}' is the file {file}, which an alias of the post '{holder}' holds");

    /// <summary>The key of the post whose own article <paramref name="file"/> is, when that post exists and is not <paramref name="slug"/> nor moved to it.</summary>
    private async Task<string?> ArticleOwnerAsync(string file, string slug, CancellationToken cancellationToken)
    {
        if (site.Articles.KeyOfFile(file) is not { } key || key == slug)
        {
            return null;
        }

        // A post renamed to this one left its old address to it (a redirect to this post stands there already).
        return await index.GetAsync(key, cancellationToken) is { } record && !(record.Status == PostStatus.Moved && record.MovedTo == slug) ? key : null;
    }

    /// <summary>Null when <paramref name="slug"/> holds <paramref name="file"/> now (taken, or held already); otherwise the holder's slug.</summary>
    private async Task<string?> ClaimAsync(string file, string slug, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var claim = await claims.GetAsync(file, cancellationToken);
            if (claim?.Slug == slug)
            {
                return null;
            }

            if (claim is not null && await StillHeldAsync(claim, cancellationToken))
            {
                return claim.Slug;
            }

            if (await claims.TryClaimAsync(file, slug, claim, clock.GetUtcNow(), cancellationToken))
            {
                return null;
            }
        }

        return (await claims.GetAsync(file, cancellationToken))?.Slug ?? "another post";
    }

    /// <summary>A claim holds while its post lists the alias and is neither deleted nor moved, or, with no record yet, for a while.</summary>
    private async Task<bool> StillHeldAsync(AliasClaim claim, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(claim.Slug, cancellationToken);
        if (record is null)
        {
            return clock.GetUtcNow() - claim.ClaimedAt < UnrecordedClaimLifetime;
        }

        return record.Status is not (PostStatus.Deleted or PostStatus.Moved)
            && record.Aliases.Any(a => string.Equals(AliasAddress.FileOf(a), claim.File, StringComparison.OrdinalIgnoreCase));
    }
}
