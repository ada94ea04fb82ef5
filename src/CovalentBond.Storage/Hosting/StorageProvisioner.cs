using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace CovalentBond.Storage.Hosting;

/// <summary>
/// Creates the containers and table on first use, once per process, so a fresh account (or a fresh
/// Azurite) works without a setup step. In Azure they already exist from the infrastructure templates.
/// </summary>
public sealed class StorageProvisioner(ContentStorageClients clients, IOptions<StorageOptions> options)
{
    private readonly Lock sync = new();
    private Task? creation;

    public StorageOptions Options => options.Value;

    public BlobContainerClient SourceContainer => clients.Blobs.GetBlobContainerClient(Options.SourceContainer);

    public BlobContainerClient SiteContainer => clients.Site.GetBlobContainerClient(Options.SiteContainer);

    public BlobContainerClient LockContainer => clients.Blobs.GetBlobContainerClient(Options.LockContainer);

    public BlobContainerClient AuditContainer => clients.Blobs.GetBlobContainerClient(Options.AuditContainer);

    public BlobContainerClient RevisionContainer => clients.Blobs.GetBlobContainerClient(Options.RevisionContainer);

    public BlobContainerClient DraftContainer => clients.Blobs.GetBlobContainerClient(Options.DraftContainer);

    public Azure.Data.Tables.TableClient IndexTable => clients.Tables.GetTableClient(Options.IndexTable);

    public Azure.Storage.Queues.QueueClient ScheduleQueue => clients.Queues.GetQueueClient(Options.ScheduleQueue);

    public Azure.Storage.Queues.QueueClient RepublishQueue => clients.Queues.GetQueueClient(Options.RepublishQueue);

    /// <summary>Where batches that failed on every attempt are parked, with the reason.</summary>
    public Azure.Storage.Queues.QueueClient RepublishPoisonQueue => clients.Queues.GetQueueClient(Options.RepublishQueue + "-poison");

    public Azure.Data.Tables.TableClient JobsTable => clients.Tables.GetTableClient(Options.JobsTable);

    /// <summary>Webhook deliveries waiting to be sent.</summary>
    public Azure.Storage.Queues.QueueClient WebhookQueue => clients.Queues.GetQueueClient(Options.WebhookQueue);

    /// <summary>The webhook log: every delivery attempt, and the subscriptions receivers disabled.</summary>
    public Azure.Data.Tables.TableClient WebhookTable => clients.Tables.GetTableClient(Options.IndexTable + "Webhooks");

    /// <summary>The index's tags and months summaries: <c>{IndexTable}Summaries</c>.</summary>
    public Azure.Data.Tables.TableClient SummaryTable => clients.Tables.GetTableClient(Options.IndexTable + "Summaries");

    /// <summary>Copies of the posts' sources for the full republish: <c>{IndexTable}Sources</c> (a table of its own, so reading a range of it scans only it where the emulator scans whole tables).</summary>
    public Azure.Data.Tables.TableClient SourceCopyTable => clients.Tables.GetTableClient(Options.IndexTable + "Sources");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            // One creation per process; a failed one is tried again by the next caller.
            if (creation is null || creation.IsFaulted || creation.IsCanceled)
            {
                creation = CreateAsync();
            }

            return creation.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAsync()
    {
        await SourceContainer.CreateIfNotExistsAsync();
        await SiteContainer.CreateIfNotExistsAsync();
        await LockContainer.CreateIfNotExistsAsync();
        await AuditContainer.CreateIfNotExistsAsync();
        await RevisionContainer.CreateIfNotExistsAsync();
        await DraftContainer.CreateIfNotExistsAsync();
        await IndexTable.CreateIfNotExistsAsync();
        await ScheduleQueue.CreateIfNotExistsAsync();
        await RepublishQueue.CreateIfNotExistsAsync();
        await WebhookQueue.CreateIfNotExistsAsync();
        await RepublishPoisonQueue.CreateIfNotExistsAsync();
        await JobsTable.CreateIfNotExistsAsync();
        await SummaryTable.CreateIfNotExistsAsync();
        await WebhookTable.CreateIfNotExistsAsync();
        await SourceCopyTable.CreateIfNotExistsAsync();
    }
}
