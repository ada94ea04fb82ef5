using Azure;
using Azure.Storage.Blobs.Specialized;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// A lease on an empty blob named after a post: while it is held, no other instance updates that post's
/// index rows. A lease expires on its own (30 s) if its holder dies, so a crash never blocks a post for
/// long; while the holder lives it renews the lease every 10 s, so a long update keeps it.
/// </summary>
internal sealed class BlobPostLock : IAsyncDisposable
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private readonly BlobLeaseClient lease;
    private readonly CancellationTokenSource held = new();
    private readonly Task renewing;

    private BlobPostLock(BlobLeaseClient lease)
    {
        this.lease = lease;
        renewing = RenewAsync(held.Token);
    }

    public static async Task<BlobPostLock> AcquireAsync(StorageProvisioner storage, string slug, CancellationToken cancellationToken)
    {
        var blob = storage.LockContainer.GetBlobClient(slug);

        // One lease id for every attempt: when an acquire ran but its answer was lost, the retry with the
        // same id succeeds instead of waiting out a lease that is already ours.
        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
                return new BlobPostLock(lease);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                try
                {
                    await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
                }
                catch (RequestFailedException created) when (created.Status == 409)
                {
                    // Another instance created it first.
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && DateTimeOffset.UtcNow < deadline)
            {
                // Held by another publisher of the same post: wait a little, with jitter.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 25 * attempt) + Random.Shared.Next(25)), cancellationToken);
            }
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, cancellationToken);
                try
                {
                    await lease.RenewAsync(cancellationToken: cancellationToken);
                }
                catch (RequestFailedException)
                {
                    // A failed renewal is tried again in 10 s; the lease still has 20 s to run.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await held.CancelAsync();
        await renewing;
        held.Dispose();
        try
        {
            await lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Expired already: nothing to release.
        }
        catch (Exception ex) when (ex is IOException or AggregateException)
        {
            // The connection dropped (and the SDK's retries with it): the lease runs out by itself within 30 s.
        }
    }
}
