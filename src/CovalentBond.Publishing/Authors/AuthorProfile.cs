namespace CovalentBond.Publishing.Authors;

/// <summary>A link on an author's page (their other profiles, a newsletter): shown with its title.</summary>
public sealed record AuthorLink(string Title, string Url);

/// <summary>
/// What the site says about one author: the name bylines carry, a short bio, a photo and links, and, for a person who
/// signs in, their Entra ID object id (the posts they own without an <c>author</c> line are credited to this name).
/// Read from <c>authors/*.json</c> beside the theme (<see cref="AuthorProfiles"/>).
/// </summary>
public sealed record AuthorProfile(string Name, string Slug)
{
    public string? Bio { get; init; }

    /// <summary>A site address (<c>/media/ana.jpg</c>) or an <c>https</c> address.</summary>
    public string? Photo { get; init; }

    public IReadOnlyList<AuthorLink> Links { get; init; } = [];

    /// <summary>The person's object id (<c>oid</c>), when they sign in.</summary>
    public string? ObjectId { get; init; }
}
