using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The rules on one post, asked by the use cases once they have read it: an Author or Contributor changes only the posts
/// they created (a post from before sign-in, or from a storage drop, only an Editor), and a Contributor saves drafts only.
/// Each answer is the reason for a refusal, or null.
/// </summary>
public static class PostAccess
{
    /// <summary>
    /// Why the caller may not save this post (null when they may): an Author or Contributor changes only the posts they
    /// created, a post from before sign-in or from a storage drop only an Editor; a Contributor saves drafts only.
    /// </summary>
    /// <param name="slug">The post's slug.</param>
    /// <param name="existing">The post as the index holds it now (null for a new post).</param>
    /// <param name="status">The status the saved version would have.</param>
    public static string? RefusesSave(Caller caller, string slug, PostRecord? existing, PostStatus status)
    {
        if (!caller.Has(Role.Contributor))
        {
            return $"{caller.Name} has no role that may write posts";
        }

        if (RefusesChangeOf(caller, existing) is { } notOwner)
        {
            return notOwner;
        }

        if (!caller.Has(Role.Author) && (status != PostStatus.Draft || existing is { Status: not PostStatus.Draft and not PostStatus.InReview and not PostStatus.Moved }))
        {
            return $"a Contributor saves drafts only ('draft: true'), and '{slug}' would be {status.ToString().ToLowerInvariant()}; an Editor publishes it";
        }

        return null;
    }

    /// <summary>
    /// Why the caller may not put this byline on a post (null when they may): only an Editor credits a post to another
    /// person who signs in (a name whose profile has someone else's object id). Free-text names, and names whose profile
    /// is nobody's sign-in (a columnist, an agency), anyone may write.
    /// </summary>
    /// <param name="owner">Who owns the post (its creator, or the caller for a new post).</param>
    public static string? RefusesByline(Caller caller, string? byline, Identity.Principal? owner, Authors.AuthorProfiles profiles)
    {
        if (caller.Has(Role.Editor))
        {
            return null;
        }

        var other = Authors.AuthorName.Of(byline)
            .Select(profiles.Of)
            .FirstOrDefault(p => p?.ObjectId is { } id && !string.Equals(id, caller.Id, StringComparison.OrdinalIgnoreCase) && !string.Equals(id, owner?.Id, StringComparison.OrdinalIgnoreCase));
        return other is null ? null : $"the byline names {other.Name}, who signs in as someone else; only an Editor credits a post to another person";
    }

    /// <summary>Why the caller may not unpublish, delete or restore this post (null when they may).</summary>
    public static string? RefusesWithdrawOrRestore(Caller caller, PostRecord existing) =>
        !caller.Has(Role.Author) ? $"{caller.Name} may not take posts off the site or bring them back (Author or Editor)"
        : RefusesChangeOf(caller, existing);

    /// <summary>Why the caller may not change this post or the pictures beside it (null when they may, or for a new post).</summary>
    public static string? RefusesChangeOf(Caller caller, PostRecord? existing)
    {
        if (existing is null or { Status: PostStatus.Moved } || caller.Has(Role.Editor))
        {
            return null;
        }

        return existing.CreatedBy?.Id == caller.Id
            ? null
            : $"'{existing.Slug}' belongs to {existing.CreatedBy?.Name ?? "nobody who signed in (it came before sign-in or from a storage drop)"}; only they or an Editor may change it";
    }
}
