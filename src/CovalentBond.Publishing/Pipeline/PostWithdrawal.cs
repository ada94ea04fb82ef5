using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>Takes a post off the site (unpublish) or deletes it ("gone"): the record changes, the source stays.</summary>
public sealed class PostWithdrawal(IPostIndex index, PostChanges changes)
{
    /// <summary>Takes a post off the site: its page and every list entry go; the source and the record stay.</summary>
    public Task<PublishResult?> UnpublishAsync(string slug, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("unpublish", slug, () => WithdrawAsync(slug, PostStatus.Unpublished, cancellationToken));

    /// <summary>Deletes a post: as unpublish, and its address answers with a "gone" page. The source is kept for restore.</summary>
    public Task<PublishResult?> DeleteAsync(string slug, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("delete", slug, () => WithdrawAsync(slug, PostStatus.Deleted, cancellationToken));

    private async Task<PublishResult?> WithdrawAsync(string slug, PostStatus status, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var delta = await index.SaveAsync(record with { Status = status }, cancellationToken);
        return await changes.FinishAsync([delta], null, cancellationToken);
    }

}
