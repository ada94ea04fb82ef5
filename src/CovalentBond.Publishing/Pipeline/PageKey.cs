using System.Globalization;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>What a publish plan asks for: one page (or family of files) of the site, to render or remove.</summary>
public abstract record PageKey
{
    /// <summary>A published post's article page.</summary>
    public sealed record Article(string Slug) : PageKey;

    /// <summary>
    /// A post that is not (or no longer) on the site: its page is removed, replaced by "gone" if deleted,
    /// or by a redirect if its source moved to another slug.
    /// </summary>
    public sealed record Withdrawn(string Slug, bool Gone, string? MovedTo = null) : PageKey;

    /// <summary>The home page, the site feeds and the news sitemap: everything drawn from the latest list.</summary>
    public sealed record Latest : PageKey;

    /// <summary>A tag's page and feeds (removed when the tag has no posts left).</summary>
    public sealed record Tag(string Slug) : PageKey;

    /// <summary>An author's pages and feed (removed when no post names them any more).</summary>
    /// <param name="Changed">
    /// The date of the oldest post the change touched (its old and new dates): a change among the author's newest posts
    /// moves only their front page and newest archive page. Null (a republish, a build): every page.
    /// </param>
    public sealed record Author(string Slug, DateTimeOffset? Changed = null) : PageKey;

    /// <summary>The corrections page and its feed.</summary>
    /// <param name="Ensure">
    /// Only make sure the page is there (a post's first publish): written when no post carries a correction, so the footer's
    /// link works from the first story on; a site with corrections had the page written with its first.
    /// </param>
    public sealed record Corrections(bool Ensure = false) : PageKey;

    /// <summary>
    /// The articles that suggest a post that just appeared, changed how it is listed, or was withdrawn (its related stories
    /// by <paramref name="TagSlugs"/>, its old and new tags): their related stories are brought up to date. At most
    /// <see cref="Pages.RelatedStories.Count"/> articles.
    /// </summary>
    public sealed record Neighbours(string Slug, IReadOnlyList<string> TagSlugs) : PageKey
    {
        public bool Equals(Neighbours? other) => other is not null && Slug == other.Slug && TagSlugs.SequenceEqual(other.TagSlugs);

        public override int GetHashCode() => HashCode.Combine(Slug, string.Join(',', TagSlugs));
    }

    /// <summary>The tags index with counts.</summary>
    public sealed record TagsIndex : PageKey;

    /// <summary>A month's archive page and sitemap (removed when the month has no posts left).</summary>
    public sealed record Month(int Year, int MonthNumber) : PageKey;

    /// <summary>The archives index, the year pages, the sitemap index and the list-pages sitemap.</summary>
    public sealed record Archives : PageKey;

    /// <summary>A redirect page at an old address.</summary>
    public sealed record Redirect(string AliasPath, string Slug) : PageKey;

    /// <summary>A redirect page that <paramref name="Slug"/> no longer wants (another post may still stand there).</summary>
    public sealed record RemoveRedirect(string AliasPath, string? Slug = null) : PageKey;

    private const char Separator = '|';

    /// <summary>The key as one line of text, for queue messages and job tables; <see cref="Parse"/> reads it back.</summary>
    public string ToToken() => this switch
    {
        Article a => Join("article", a.Slug),
        Withdrawn w => Join("withdrawn", w.Slug, w.Gone ? "gone" : "", w.MovedTo ?? ""),
        Latest => "latest",
        Tag t => Join("tag", t.Slug),
        Author a => a.Changed is { } changed ? Join("author", a.Slug, changed.UtcTicks.ToString(CultureInfo.InvariantCulture)) : Join("author", a.Slug),
        TagsIndex => "tags",
        Neighbours n => Join("neighbours", n.Slug, string.Join(',', n.TagSlugs)),
        Corrections c => c.Ensure ? Join("corrections", "ensure") : "corrections",
        Month m => Join("month", m.Year.ToString(CultureInfo.InvariantCulture), m.MonthNumber.ToString(CultureInfo.InvariantCulture)),
        Archives => "archives",
        Redirect r => Join("redirect", r.AliasPath, r.Slug),
        RemoveRedirect r => r.Slug is null ? Join("unredirect", r.AliasPath) : Join("unredirect", r.AliasPath, r.Slug),
        _ => throw new InvalidOperationException($"No token for {this}"),
    };

    /// <summary>Reads a key written by <see cref="ToToken"/>.</summary>
    /// <exception cref="FormatException">The text is not a page key.</exception>
    public static PageKey Parse(string token)
    {
        var parts = token.Split(Separator);
        return (parts[0], parts.Length) switch
        {
            ("article", 2) => new Article(parts[1]),
            ("withdrawn", 4) => new Withdrawn(parts[1], parts[2] == "gone", parts[3].Length == 0 ? null : parts[3]),
            ("latest", 1) => new Latest(),
            ("tag", 2) => new Tag(parts[1]),
            ("author", 2) => new Author(parts[1]),
            ("author", 3) => new Author(parts[1], new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero)),
            ("tags", 1) => new TagsIndex(),
            ("neighbours", 3) => new Neighbours(parts[1], parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries)),
            ("corrections", 1) => new Corrections(),
            ("corrections", 2) when parts[1] == "ensure" => new Corrections(Ensure: true),
            ("month", 3) => new Month(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture)),
            ("archives", 1) => new Archives(),
            ("redirect", 3) => new Redirect(parts[1], parts[2]),
            ("unredirect", 2) => new RemoveRedirect(parts[1]),
            ("unredirect", 3) => new RemoveRedirect(parts[1], parts[2]),
            _ => throw new FormatException($"'{token}' is not a page key."),
        };
    }

    private static string Join(params string[] parts) =>
        parts.Any(p => p.Contains(Separator, StringComparison.Ordinal))
            ? throw new InvalidOperationException($"A page key part may not contain '{Separator}'.")
            : string.Join(Separator, parts);
}
