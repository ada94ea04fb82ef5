using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>The posts as tools list them (the CLI's <c>list</c>, <c>GET /api/posts</c>).</summary>
public static class PostListing
{
    /// <summary>Every record of the index as an overview, newest first, optionally of one status.</summary>
    public static async Task<IReadOnlyList<PostOverview>> ListAsync(IPostIndex index, Pages.Permalink articles, PostStatus? status, CancellationToken cancellationToken)
    {
        var records = new List<PostRecord>();
        await foreach (var record in index.AllAsync(cancellationToken))
        {
            if (status is null || record.Status == status)
            {
                records.Add(record);
            }
        }

        return records.OrderByDescending(r => r.Date).Select(r => PostOverview.Of(r, articles)).ToList();
    }
}
