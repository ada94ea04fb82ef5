using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>Takes a post off the site (unpublish) or deletes it ("gone"): the record changes, the source stays.</summary>
public sealed class PostWithdrawal(IPostIndex index, PostChanges changes)
{
    /// <summary>Takes a post off the site: its page and every list entry go; the source and the record stay.</summary>
    public Task<PublishResult?> UnpublishAsync(string slug, Caller caller, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("unpublish", slug, () => WithdrawAsync(slug, PostStatus.Unpublished, caller, "unpublish", cancellationToken));

    /// <summary>Deletes a post: as unpublish, and its address answers with a "gone" page. The source is kept for restore.</summary>
    public Task<PublishResult?> DeleteAsync(string slug, Caller caller, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("delete", slug, () => WithdrawAsync(slug, PostStatus.Deleted, caller, "delete", cancellationToken));

    private async Task<PublishResult?> WithdrawAsync(string slug, PostStatus status, Caller caller, string action, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (PostAccess.RefusesWithdrawOrRestore(caller, record) is { } refusal)
        {
            await changes.RecordRefusedAsync(caller, action, slug, refusal, cancellationToken);
            return PublishResult.Forbidden(slug, refusal);
        }

        var delta = await index.SaveAsync(record with { Status = status, ChangedBy = Principal.Of(caller), ChangedAt = changes.Now }, cancellationToken);
        return await changes.FinishAsync([delta], null, caller, action, record.ContentHash, cancellationToken);
    }
}
