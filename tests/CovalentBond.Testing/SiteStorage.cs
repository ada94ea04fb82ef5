using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Testing;

/// <summary>
/// One test's share of Azurite (the containers, tables and queues named by <see cref="TestSite.Settings"/>):
/// reading and snapshotting the site, and deleting it all afterwards. Shared by every kind of test host.
/// </summary>
public sealed class SiteStorage(StorageProvisioner storage)
{
    public TableClient Summaries => storage.SummaryTable;

    public BlobContainerClient Sources => storage.SourceContainer;

    public BlobContainerClient Site => storage.SiteContainer;

    public BlobContainerClient Audit => storage.AuditContainer;

    public TableClient Index => storage.IndexTable;

    public TableClient Jobs => storage.JobsTable;

    public QueueClient ScheduleQueue => storage.ScheduleQueue;

    public QueueClient RepublishQueue => storage.RepublishQueue;

    public QueueClient RepublishPoisonQueue => storage.RepublishPoisonQueue;

    /// <summary>Every blob of the site with its ETag and content hash: equal snapshots mean nothing was written.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!await Site.ExistsAsync())
        {
            return result;
        }

        await foreach (var item in Site.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Metadata }))
        {
            // The ETag changes on every write, even of the same bytes.
            result[item.Name] = $"{item.Properties.ETag}|{(item.Metadata.TryGetValue("contenthash", out var hash) ? hash : "")}";
        }

        return result;
    }

    /// <summary>A file of the site as text, or null when there is none.</summary>
    public async Task<string?> ReadSiteTextAsync(string path)
    {
        var blob = Site.GetBlobClient(path);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    public async Task DeleteAllAsync()
    {
        await Sources.DeleteIfExistsAsync();
        await Site.DeleteIfExistsAsync();
        await Audit.DeleteIfExistsAsync();
        await storage.RevisionContainer.DeleteIfExistsAsync();
        await storage.DraftContainer.DeleteIfExistsAsync();
        await Index.DeleteAsync();
        await Jobs.DeleteAsync();
        await Summaries.DeleteAsync();
        await ScheduleQueue.DeleteIfExistsAsync();
        await RepublishQueue.DeleteIfExistsAsync();
        await storage.WebhookQueue.DeleteIfExistsAsync();
        await storage.WebhookTable.DeleteAsync();
        await RepublishPoisonQueue.DeleteIfExistsAsync();
    }
}
