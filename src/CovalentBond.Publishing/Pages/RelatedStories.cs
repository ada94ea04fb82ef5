using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// The stories an article suggests next: up to <see cref="Count"/> posts sharing the most tags with it, the newest first
/// among equals, from the newest <see cref="PoolPerTag"/> posts of each of its tags. The same pool and order on every path
/// (publish reads the tag lists' heads from the index, a build its own lists), so every path shows the same stories.
/// The site has one language, so every candidate is in the article's.
/// </summary>
public static class RelatedStories
{
    public const int Count = 4;

    /// <summary>How many of each tag's newest posts are candidates: one read of the tag list's head.</summary>
    public const int PoolPerTag = 50;

    /// <param name="slug">The article's own slug, left out.</param>
    /// <param name="tags">The article's tags.</param>
    /// <param name="pool">The newest posts of each of those tags (duplicates are fine).</param>
    public static IReadOnlyList<PostSummary> Pick(string slug, IReadOnlyList<Tag> tags, IEnumerable<PostSummary> pool) =>
        Pick(slug, tags.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal), pool);

    /// <summary>The same, by the article's tag slugs.</summary>
    public static IReadOnlyList<PostSummary> Pick(string slug, IReadOnlySet<string> own, IEnumerable<PostSummary> pool)
    {
        if (own.Count == 0)
        {
            return [];
        }

        return pool
            .Where(p => p.Slug != slug)
            .DistinctBy(p => p.Slug, StringComparer.Ordinal)
            .Select(p => (Post: p, Shared: p.Tags.Select(t => t.Slug).Distinct(StringComparer.Ordinal).Count(own.Contains)))
            .Where(p => p.Shared > 0)
            .OrderByDescending(p => p.Shared)
            .ThenByDescending(p => p.Post.Date.UtcTicks)
            .ThenBy(p => p.Post.Slug, StringComparer.Ordinal)
            .Take(Count)
            .Select(p => p.Post)
            .ToList();
    }
}
