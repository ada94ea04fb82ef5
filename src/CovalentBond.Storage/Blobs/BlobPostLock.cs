using Azure;
using Azure.Storage.Blobs.Specialized;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// A lease on an empty blob named after a post: while it is held, no other instance updates that post's
/// index rows. A lease expires on its own (30 s) if its holder dies, so a crash never blocks a post for long.
/// </summary>
internal sealed class BlobPostLock : IAsyncDisposable
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    private readonly BlobLeaseClient lease;

    private BlobPostLock(BlobLeaseClient lease) => this.lease = lease;

    public static async Task<BlobPostLock> AcquireAsync(StorageProvisioner storage, string slug, CancellationToken cancellationToken)
    {
        var blob = storage.LockContainer.GetBlobClient(slug);
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            var lease = blob.GetBlobLeaseClient();
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            await lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Expired already: nothing to release.
        }
    }
}
