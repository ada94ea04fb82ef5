namespace CovalentBond.Publishing.Publishing;

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

    /// <summary>The tags index with counts.</summary>
    public sealed record TagsIndex : PageKey;

    /// <summary>A month's archive page and sitemap (removed when the month has no posts left).</summary>
    public sealed record Month(int Year, int MonthNumber) : PageKey;

    /// <summary>The archives index, the year pages, the sitemap index and the list-pages sitemap.</summary>
    public sealed record Archives : PageKey;

    /// <summary>A redirect page at an old address.</summary>
    public sealed record Redirect(string AliasPath, string Slug) : PageKey;

    /// <summary>A redirect page that is no longer wanted.</summary>
    public sealed record RemoveRedirect(string AliasPath) : PageKey;
}
