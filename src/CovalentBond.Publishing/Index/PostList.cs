using System.Globalization;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Index;

/// <summary>
/// One of the derived lists a published post appears in: the site's latest posts, a tag's posts, a month's posts,
/// or the posts of an author its byline names. Each list is one table partition whose row keys sort newest first.
/// </summary>
public sealed record PostList(string Key)
{
    public static PostList Latest { get; } = new("latest");

    public static PostList Tag(string tagSlug) => new("tag-" + tagSlug);

    public static PostList Month(int year, int month) => new(string.Create(CultureInfo.InvariantCulture, $"month-{year:D4}-{month:D2}"));

    public static PostList Author(string authorSlug) => new("author-" + authorSlug);

    /// <summary>The published posts that carry corrections, the most recently corrected first (<c>/corrections/</c>).</summary>
    public static PostList Corrections { get; } = new("corrections");

    public bool IsTag => Key.StartsWith("tag-", StringComparison.Ordinal);

    public bool IsAuthor => Key.StartsWith("author-", StringComparison.Ordinal);

    public string AuthorSlug => IsAuthor ? Key["author-".Length..] : throw new InvalidOperationException($"{Key} is not an author's list");

    public bool IsMonth => Key.StartsWith("month-", StringComparison.Ordinal);

    public string TagSlug => IsTag ? Key["tag-".Length..] : throw new InvalidOperationException($"{Key} is not a tag list");

    public (int Year, int Month) YearMonth => IsMonth
        ? (int.Parse(Key.AsSpan(6, 4), CultureInfo.InvariantCulture), int.Parse(Key.AsSpan(11, 2), CultureInfo.InvariantCulture))
        : throw new InvalidOperationException($"{Key} is not a month list");

    /// <summary>The month a post belongs to, by the site's time zone.</summary>
    public static PostList MonthOf(DateTimeOffset date, SiteOptions site)
    {
        var local = site.ToLocal(date);
        return Month(local.Year, local.Month);
    }

    /// <summary>The lists a record appears in: none unless it is published.</summary>
    public static IReadOnlyList<PostList> Of(PostRecord record, SiteOptions site) =>
        !record.IsListed ? [] :
        [
            Latest, MonthOf(record.Date, site), .. record.Tags.Select(t => Tag(t.Slug)), .. Authors.AuthorName.Of(record.Author).Select(a => Author(a.Slug)),
            .. record.Corrections.Count > 0 ? [Corrections] : Array.Empty<PostList>(),
        ];

    /// <summary>The date a record's row sorts by in <paramref name="list"/>: its last correction's in the corrections list, else the post's.</summary>
    public static DateTimeOffset SortDateOf(PostList list, PostRecord record) =>
        list == Corrections && record.Corrections.Count > 0 ? record.Corrections.Max(c => c.Date) : record.Date;

    /// <summary>A row key that sorts newest first, unique per post: inverted UTC ticks, then the slug.</summary>
    public static string SortKey(DateTimeOffset date, string slug) =>
        (DateTimeOffset.MaxValue.UtcTicks - date.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + slug;

    public override string ToString() => Key;
}
