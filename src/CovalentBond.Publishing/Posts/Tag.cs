using CovalentBond.Publishing.Text;

namespace CovalentBond.Publishing.Posts;

/// <summary>A tag as the author wrote it (<see cref="Name"/>) and its stable URL form (<see cref="Slug"/>).</summary>
/// <remarks>Two spellings that fold to the same slug (<c>Türkiye</c>, <c>TÜRKİYE</c>) are one tag.</remarks>
public sealed record Tag(string Name, string Slug)
{
    /// <summary>Makes a tag from its display form; null when it has no letters or digits.</summary>
    public static Tag? From(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var slug = TextSlugifier.Slugify(trimmed);
        return slug.Length == 0 ? null : new Tag(trimmed, slug);
    }
}
