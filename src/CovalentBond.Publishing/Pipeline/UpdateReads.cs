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
}
