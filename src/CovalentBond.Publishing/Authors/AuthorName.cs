using CovalentBond.Publishing.Text;

namespace CovalentBond.Publishing.Authors;

/// <summary>
/// One person a byline names, as written (<see cref="Name"/>), and the address of their page (<see cref="Slug"/>):
/// <c>/authors/{slug}/</c>. Two spellings that fold to the same slug (<c>Zoë Ørsted</c>, <c>zoe orsted</c>) are one author.
/// </summary>
public sealed record AuthorName(string Name, string Slug)
{
    /// <summary>What separates the names of a byline with several (what an <c>authors:</c> list is joined with).</summary>
    public const string Separator = ", ";

    /// <summary>The people a byline names, in its order; none for no byline or one without letters or digits.</summary>
    public static IReadOnlyList<AuthorName> Of(string? byline)
    {
        if (string.IsNullOrWhiteSpace(byline))
        {
            return [];
        }

        var names = new List<AuthorName>();
        foreach (var part in byline.Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var slug = TextSlugifier.Slugify(part);
            if (slug.Length > 0 && names.TrueForAll(n => n.Slug != slug))
            {
                names.Add(new AuthorName(part, slug));
            }
        }

        return names;
    }
}
