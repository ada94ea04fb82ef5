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
        Storage = new SiteStorage(host.Services.GetRequiredService<StorageProvisioner>());
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>This host's containers, tables and queues.</summary>
    public SiteStorage Storage { get; }

    public Azure.Storage.Blobs.BlobContainerClient Sources => Storage.Sources;

    public Azure.Storage.Blobs.BlobContainerClient Site => Storage.Site;

    public Azure.Data.Tables.TableClient Index => Storage.Index;

    public Azure.Storage.Queues.QueueClient RepublishQueue => Storage.RepublishQueue;

    /// <param name="configure">Changes to the builder after the app's own setup (a test's logger provider).</param>
    /// <param name="settings">App settings on top of the test site's, as the platform would give them.</param>
    public static FunctionsTestHost Create(
        string connectionString, Action<FunctionsApplicationBuilder>? configure = null, IDictionary<string, string?>? settings = null)
    {
        Environment.SetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT", "Development");
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(TestSite.Settings(connectionString));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddCovalentBondFunctions();
        configure?.Invoke(builder);
        var host = builder.Build();
        host.Services.WarmUpCovalentBond();
        return new FunctionsTestHost(host);
    }

    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public Task<string?> ReadSiteTextAsync(string path) => Storage.ReadSiteTextAsync(path);

    public Task<IReadOnlyDictionary<string, string>> SnapshotAsync() => Storage.SnapshotAsync();

    public async ValueTask DisposeAsync()
    {
        await Storage.DeleteAllAsync();
        Host.Dispose();
    }
}
