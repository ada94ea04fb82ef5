using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>Publishes an unpublished or deleted post again from its stored source.</summary>
public sealed class PostRestorer(
    IPostIndex index,
    ISourceStore sources,
    ISourceCache sourceCopies,
    PostPreparer preparer,
    PostChanges changes,
    TimeProvider clock)
{
    /// <summary>Publishes an unpublished or deleted post again from its stored source.</summary>
    /// <returns>Null when the index does not know the post.</returns>
    /// <param name="slug">The post.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="ifMatch">The ETag the caller read, when it sent one: a post changed since is not restored (412).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="ifMatchRequired">Refuse (428) when no <paramref name="ifMatch"/> is sent: the HTTP API's rule, as for a save.</param>
    public Task<PublishResult?> RestoreAsync(string slug, Caller caller, string? ifMatch = null, bool ifMatchRequired = false, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("restore", slug, () => RestoreStoredAsync(slug, caller, ifMatch, ifMatchRequired, cancellationToken));

    private async Task<PublishResult?> RestoreStoredAsync(string slug, Caller caller, string? ifMatch, bool ifMatchRequired, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(slug, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (PostAccess.RefusesWithdrawOrRestore(caller, record) is { } refusal)
        {
            await changes.RecordRefusedAsync(caller, "restore", slug, refusal, cancellationToken);
            return PublishResult.Forbidden(slug, refusal);
        }

        if ((ifMatch is not null || ifMatchRequired) && new SavePrecondition(ifMatch, false).RefusalFor(record) is { } stale)
        {
            return PublishResult.Refused(stale.Status, slug, stale.Reason);
        }

        if (await sources.ReadAsync(record.SourceName, cancellationToken) is not { } source)
        {
            return PublishResult.Invalid([new PostProblem(null, null, $"its source {record.SourceName} is gone; publish the post again")]);
        }

        var preparation = preparer.Prepare(source, record.SourceName, slug, StoredMediaCatalog.Empty);
        if (!preparation.IsValid)
        {
            return PublishResult.Invalid(preparation.Problems);
        }

        var (prepared, mediaHash) = await changes.WithMediaAsync(preparation.Prepared!, source, record.SourceName, slug, record, cancellationToken);
        prepared = prepared with { Post = OwnerByline.Credit(prepared.Post, record.CreatedBy, preparer.Profiles) };
        var sourceHash = ContentHash.Of(source);
        await sourceCopies.PutAsync(slug, sourceHash, source, cancellationToken);
        var delta = await index.SaveAsync(
            PostRecord.Of(prepared.Post, record.SourceName, sourceHash, clock.GetUtcNow()) with
            {
                MediaHash = mediaHash,
                Hero = prepared.Hero,
                CreatedBy = record.CreatedBy,
                ChangedBy = Principal.Of(caller),
                ChangedAt = clock.GetUtcNow(),
            },
            cancellationToken);
        return await changes.FinishAsync([delta], prepared, caller, "restore", record.ContentHash, cancellationToken);
    }
}
