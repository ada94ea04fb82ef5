using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace CovalentBond.Storage.Hosting;

/// <summary>
/// The Azure SDK clients of the content storage account, made from the same <c>ContentStorage</c>
/// setting the blob trigger reads: either a connection string, or <c>__blobServiceUri</c> and
/// <c>__tableServiceUri</c> and <c>__queueServiceUri</c> with a managed identity (optionally <c>__clientId</c> for a user-assigned one).
/// </summary>
public sealed class ContentStorageClients
{
    public ContentStorageClients(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues)
    {
        Blobs = blobs;
        Tables = tables;
        Queues = queues;
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    /// <summary>Queues for scheduled changes and republish batches. Messages are Base64, as the Functions queue trigger expects.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Creates the clients from configuration, with an error that names the missing setting.</summary>
    public static ContentStorageClients FromConfiguration(IConfiguration configuration)
    {
        var name = StorageOptions.ConnectionName;
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(name);
        var blobUri = section["blobServiceUri"];
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        if (string.IsNullOrWhiteSpace(blobUri) || string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri))
        {
            throw new InvalidOperationException(
                $"Content storage is not configured: set '{name}' to a connection string, or set " +
                $"'{name}__blobServiceUri', '{name}__tableServiceUri' and '{name}__queueServiceUri' to use a managed identity.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        var (blobs, tables, queues) = Options(null);
        return new ContentStorageClients(
            new BlobServiceClient(new Uri(blobUri), credential, blobs),
            new TableServiceClient(new Uri(tableUri), credential, tables),
            new QueueServiceClient(new Uri(queueUri), credential, queues));
    }

    /// <summary>Every client's options: the request counter of the telemetry, then a caller's changes.</summary>
    private static (BlobClientOptions Blobs, TableClientOptions Tables, QueueClientOptions Queues) Options(Action<ClientOptions>? configure)
    {
        var blobs = new BlobClientOptions();
        var tables = new TableClientOptions();
        var queues = QueueOptions;
        blobs.AddPolicy(new StorageRequestTelemetry("blob"), HttpPipelinePosition.PerRetry);
        tables.AddPolicy(new StorageRequestTelemetry("table"), HttpPipelinePosition.PerRetry);
        queues.AddPolicy(new StorageRequestTelemetry("queue"), HttpPipelinePosition.PerRetry);
        configure?.Invoke(blobs);
        configure?.Invoke(tables);
        configure?.Invoke(queues);
        return (blobs, tables, queues);
    }

    /// <param name="configure">Changes to every client's options (retries, pipeline policies), applied before the clients are made.</param>
    public static ContentStorageClients FromConnectionString(string connectionString, Action<ClientOptions>? configure = null)
    {
        var (blobs, tables, queues) = Options(configure);
        return new(new BlobServiceClient(connectionString, blobs), new TableServiceClient(connectionString, tables), new QueueServiceClient(connectionString, queues));
    }

    private static QueueClientOptions QueueOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };
}
