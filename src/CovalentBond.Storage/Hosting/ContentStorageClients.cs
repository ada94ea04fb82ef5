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
/// <c>__tableServiceUri</c> and <c>__queueServiceUri</c> with a managed identity (optionally <c>__clientId</c> for a user-assigned one);
/// and the blob service of the static website's own account (<c>SiteStorage</c>), the content account's when it has none.
/// </summary>
public sealed class ContentStorageClients
{
    /// <param name="site">The blob service of the static website's own account; the content account's <paramref name="blobs"/> when null.</param>
    public ContentStorageClients(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues, BlobServiceClient? site = null)
    {
        Blobs = blobs;
        Tables = tables;
        Queues = queues;
        Site = site ?? blobs;
    }

    /// <summary>The content account's blobs: sources, theme, locks.</summary>
    public BlobServiceClient Blobs { get; }

    /// <summary>The blob service holding the static website's container: the site's own account, or the content account's.</summary>
    public BlobServiceClient Site { get; }

    public TableServiceClient Tables { get; }

    /// <summary>Queues for scheduled changes and republish batches. Messages are Base64, as the Functions queue trigger expects.</summary>
    public QueueServiceClient Queues { get; }

    /// <summary>Creates the clients from configuration, with an error that names the missing setting.</summary>
    /// <remarks>
    /// The static website's container is in the account <c>SiteStorage</c> names (a connection string, or
    /// <c>SiteStorage__blobServiceUri</c> with a managed identity), or in the content account when it is not set.
    /// </remarks>
    public static ContentStorageClients FromConfiguration(IConfiguration configuration)
    {
        var name = StorageOptions.ConnectionName;
        var (blobOptions, tableOptions, queueOptions) = Options(null);
        var site = SiteBlobs(configuration, blobOptions);
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new ContentStorageClients(
                new BlobServiceClient(connectionString, blobOptions),
                new TableServiceClient(connectionString, tableOptions),
                new QueueServiceClient(connectionString, queueOptions),
                site);
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

        var credential = Credential(section);
        return new ContentStorageClients(
            new BlobServiceClient(new Uri(blobUri), credential, blobOptions),
            new TableServiceClient(new Uri(tableUri), credential, tableOptions),
            new QueueServiceClient(new Uri(queueUri), credential, queueOptions),
            site);
    }

    /// <summary>The static website's own account from <c>SiteStorage</c>, or null when the site is in the content account.</summary>
    private static BlobServiceClient? SiteBlobs(IConfiguration configuration, BlobClientOptions options)
    {
        var name = StorageOptions.SiteConnectionName;
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BlobServiceClient(connectionString, options);
        }

        var section = configuration.GetSection(name);
        if (!section.GetChildren().Any(s => !string.IsNullOrWhiteSpace(s.Value)))
        {
            return null;
        }

        var blobUri = section["blobServiceUri"];
        if (string.IsNullOrWhiteSpace(blobUri))
        {
            throw new InvalidOperationException(
                $"The site's storage is half configured: set '{name}' to a connection string, or '{name}__blobServiceUri' to use a " +
                $"managed identity, or remove the '{name}' settings to keep the static website in the content account.");
        }

        return new BlobServiceClient(new Uri(blobUri), Credential(section), options);
    }

    private static TokenCredential Credential(IConfigurationSection section) => CredentialFor(section["clientId"]);

    /// <summary>The app's identity: the user-assigned one of <paramref name="clientId"/>, else the default chain (the system-assigned identity on Azure).</summary>
    internal static TokenCredential CredentialFor(string? clientId)
    {
        return string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
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
    /// <param name="siteConnectionString">The static website's own account; the content account's when null.</param>
    public static ContentStorageClients FromConnectionString(string connectionString, Action<ClientOptions>? configure = null, string? siteConnectionString = null)
    {
        var (blobs, tables, queues) = Options(configure);
        return new(
            new BlobServiceClient(connectionString, blobs),
            new TableServiceClient(connectionString, tables),
            new QueueServiceClient(connectionString, queues),
            siteConnectionString is null ? null : new BlobServiceClient(siteConnectionString, blobs));
    }

    private static QueueClientOptions QueueOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };
}
