using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>Takes a post off the site (unpublish) or deletes it ("gone"): the record changes, the source stays.</summary>
public sealed class PostWithdrawal(IPostIndex index, PostChanges changes)
{
    /// <summary>Takes a post off the site: its page and every list entry go; the source and the record stay.</summary>
    /// <param name="slug">The post.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="ifMatch">The ETag the caller read, when it sent one: a post changed since is not withdrawn (412).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="ifMatchRequired">Refuse (428) when no <paramref name="ifMatch"/> is sent: the HTTP API's rule, as for a save.</param>
    public Task<PublishResult?> UnpublishAsync(string slug, Caller caller, string? ifMatch = null, bool ifMatchRequired = false, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("unpublish", slug, () => WithdrawAsync(slug, PostStatus.Unpublished, caller, "unpublish", ifMatch, ifMatchRequired, cancellationToken));

    /// <summary>Deletes a post: as unpublish, and its address answers with a "gone" page. The source is kept for restore.</summary>
    /// <param name="slug">The post.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="ifMatch">The ETag the caller read, when it sent one: a post changed since is not deleted (412).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="ifMatchRequired">Refuse (428) when no <paramref name="ifMatch"/> is sent: the HTTP API's rule, as for a save.</param>
    public Task<PublishResult?> DeleteAsync(string slug, Caller caller, string? ifMatch = null, bool ifMatchRequired = false, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("delete", slug, () => WithdrawAsync(slug, PostStatus.Deleted, caller, "delete", ifMatch, ifMatchRequired, cancellationToken));

    private async Task<PublishResult?> WithdrawAsync(string slug, PostStatus status, Caller caller, string action, string? ifMatch, bool ifMatchRequired, CancellationToken cancellationToken)
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

        if ((ifMatch is not null || ifMatchRequired) && new SavePrecondition(ifMatch, false).RefusalFor(record) is { } stale)
        {
            return PublishResult.Refused(stale.Status, slug, stale.Reason);
        }

        var delta = await index.SaveAsync(record with { Status = status, ChangedBy = Principal.Of(caller), ChangedAt = changes.Now }, cancellationToken);
        return await changes.FinishAsync([delta], null, caller, action, record.ContentHash, cancellationToken);
    }
}
