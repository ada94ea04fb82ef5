using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// A post without an <c>author</c> line is credited to its owner, by the name of the owner's profile (the profile whose
/// <c>objectId</c> is theirs), as the post is saved; the record keeps that byline, so a page rendered again from the
/// stored source shows it too. A post that names its author keeps its own byline.
/// </summary>
public static class OwnerByline
{
    /// <summary>The post with its owner's byline when it has none of its own and the owner has a profile.</summary>
    public static Post Credit(Post post, Principal? owner, AuthorProfiles profiles) =>
        post.Author is null && profiles.ByObjectId(owner?.Id) is { } profile ? post with { Author = profile.Name } : post;

    /// <summary>A stored post as it was saved: with the byline its record keeps when its source has none.</summary>
    public static Post AsSaved(Post post, string? recordedAuthor) =>
        post.Author is null && recordedAuthor is not null ? post with { Author = recordedAuthor } : post;
}
