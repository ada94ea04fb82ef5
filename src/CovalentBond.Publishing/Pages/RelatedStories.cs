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

    /// <summary>How many of each tag's newest posts are candidates: one read of the tag list's head (a build of 10,000 posts
    /// with five tags each spent 0.7 s picking from 50 a tag, docs/performance.md).</summary>
    public const int PoolPerTag = 20;

    /// <param name="slug">The article's own slug, left out.</param>
    /// <param name="tags">The article's tags.</param>
    /// <param name="pool">The newest posts of each of those tags (duplicates are fine).</param>
    public static IReadOnlyList<PostSummary> Pick(string slug, IReadOnlyList<Tag> tags, IEnumerable<PostSummary> pool) =>
        Pick(slug, tags.Select(t => t.Slug).Distinct(StringComparer.Ordinal).ToArray(), pool);

    /// <summary>
    /// The same, by the article's distinct tag slugs. One pass over the pool, keeping the best four as it goes, with no
    /// hashing: a build picks for every article (10,000 articles of five tags spent 0.6 s of CPU hashing slugs).
    /// </summary>
    public static IReadOnlyList<PostSummary> Pick(string slug, IReadOnlyList<string> own, IEnumerable<PostSummary> pool)
    {
        if (own.Count == 0)
        {
            return [];
        }

        var best = new List<(PostSummary Post, int Shared)>(Count + 1);
        foreach (var post in pool)
        {
            if (post.Slug == slug)
            {
                continue;
            }

            var shared = 0;
            for (var i = 0; i < post.Tags.Count; i++)
            {
                var tag = post.Tags[i].Slug;
                if (Contains(own, tag) && !SlugBefore(post.Tags, i))
                {
                    shared++;
                }
            }

            if (shared == 0 || best.Exists(b => b.Post.Slug == post.Slug))
            {
                continue; // a post in several of the tags' heads is counted once
            }

            var at = best.Count;
            while (at > 0 && Ranks(post, shared, best[at - 1].Post, best[at - 1].Shared))
            {
                at--;
            }

            if (at < Count)
            {
                best.Insert(at, (post, shared));
                if (best.Count > Count)
                {
                    best.RemoveAt(Count);
                }
            }
        }

        return best.ConvertAll(b => b.Post);
    }

    private static bool Contains(IReadOnlyList<string> own, string tag)
    {
        for (var i = 0; i < own.Count; i++)
        {
            if (own[i] == tag)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the tag at <paramref name="index"/> was already counted (a tag written twice counts once).</summary>
    private static bool SlugBefore(IReadOnlyList<Tag> tags, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (tags[j].Slug == tags[index].Slug)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a candidate ranks before another: more shared tags, then newer, then by slug.</summary>
    private static bool Ranks(PostSummary post, int shared, PostSummary other, int otherShared) =>
        shared != otherShared ? shared > otherShared
        : post.Date.UtcTicks != other.Date.UtcTicks ? post.Date.UtcTicks > other.Date.UtcTicks
        : string.CompareOrdinal(post.Slug, other.Slug) < 0;
}
