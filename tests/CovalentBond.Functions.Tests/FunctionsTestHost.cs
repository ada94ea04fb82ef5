using CovalentBond.Storage.Hosting;
using CovalentBond.Testing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CovalentBond.Functions.Tests;

/// <summary>
/// The Functions app's real host, built by the same <see cref="FunctionsAppSetup"/> as <c>Program.cs</c>
/// (but not started: Core Tools is not available here), pointed at Azurite with containers of its own.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private FunctionsTestHost(IHost host)
    {
        Host = host;
        var storage = host.Services.GetRequiredService<StorageProvisioner>();
        Sources = storage.SourceContainer;
        Site = storage.SiteContainer;
        Index = storage.IndexTable;
        RepublishQueue = storage.RepublishQueue;
        storageProvisioner = storage;
    }

    private readonly StorageProvisioner storageProvisioner;

    public Azure.Storage.Queues.QueueClient RepublishQueue { get; }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public Azure.Storage.Blobs.BlobContainerClient Sources { get; }

    public Azure.Storage.Blobs.BlobContainerClient Site { get; }

    public Azure.Data.Tables.TableClient Index { get; }

    public static FunctionsTestHost Create(string connectionString)
    {
        Environment.SetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT", "Development");
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(TestSite.Settings(connectionString));
        builder.AddCovalentBondFunctions();
        var host = builder.Build();
        host.Services.WarmUpCovalentBond();
        return new FunctionsTestHost(host);
    }

    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public async Task<string?> ReadSiteTextAsync(string path)
    {
        var blob = Site.GetBlobClient(path);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (await Site.ExistsAsync())
        {
            await foreach (var item in Site.GetBlobsAsync())
            {
                result[item.Name] = item.Properties.ETag.ToString()!;
            }
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Sources.DeleteIfExistsAsync();
        await Site.DeleteIfExistsAsync();
        await Index.DeleteAsync();
        await storageProvisioner.ScheduleQueue.DeleteIfExistsAsync();
        await RepublishQueue.DeleteIfExistsAsync();
        await storageProvisioner.RepublishPoisonQueue.DeleteIfExistsAsync();
        await storageProvisioner.JobsTable.DeleteAsync();
        Host.Dispose();
    }
}
