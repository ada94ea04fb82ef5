using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>The reads the pages of one update share (the latest list, the tags, the months), each made at most once.</summary>
internal sealed class UpdateReads(IPostIndex index, int latestSize, CancellationToken cancellationToken)
{
    private Task<ListSlice>? latest;
    private Task<Counted<TagCount>>? tags;
    private Task<Counted<MonthCount>>? months;

    public Task<ListSlice> LatestAsync() => latest ??= index.ListAsync(PostList.Latest, latestSize, cancellationToken);

    public Task<Counted<TagCount>> TagsAsync() => tags ??= index.TagsAsync(cancellationToken);

    public Task<Counted<MonthCount>> MonthsAsync() => months ??= index.MonthsAsync(cancellationToken);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<ListSlice>> tagHeads = new(StringComparer.Ordinal);

    /// <summary>A tag's newest posts, the candidates of related stories: read once for all the articles of an update.</summary>
    public Task<ListSlice> TagHeadAsync(string tagSlug) =>
        tagHeads.GetOrAdd(tagSlug, slug => index.ListAsync(PostList.Tag(slug), Pages.RelatedStories.PoolPerTag, cancellationToken));

    /// <summary>The related stories of an article with <paramref name="tags"/> (<see cref="Pages.RelatedStories"/>).</summary>
    public async Task<IReadOnlyList<Posts.PostSummary>> RelatedAsync(string slug, IReadOnlyList<Posts.Tag> tags)
    {
        var heads = await Task.WhenAll(tags.Select(t => t.Slug).Distinct(StringComparer.Ordinal).Select(TagHeadAsync));
        return Pages.RelatedStories.Pick(slug, tags, heads.SelectMany(h => h.Posts));
    }
}
