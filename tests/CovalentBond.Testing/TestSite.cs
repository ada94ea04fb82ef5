using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Testing;

/// <summary>
/// A whole site against Azurite, wired by the same <c>AddCovalentBond</c> the hosts use, with containers
/// and a table of its own so tests do not see each other's posts.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private TestSite(ServiceProvider services, IConfiguration configuration, string connectionString)
    {
        Services = services;
        Configuration = configuration;
        Storage = new SiteStorage(services.GetRequiredService<StorageProvisioner>());
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public IConfiguration Configuration { get; }

    public string ConnectionString { get; }

    /// <summary>This site's containers, tables and queues.</summary>
    public SiteStorage Storage { get; }

    public BlobContainerClient Sources => Storage.Sources;

    public BlobContainerClient Site => Storage.Site;

    public TableClient Index => Storage.Index;

    public Azure.Storage.Queues.QueueClient ScheduleQueue => Storage.ScheduleQueue;

    public Azure.Storage.Queues.QueueClient RepublishQueue => Storage.RepublishQueue;

    public Azure.Storage.Queues.QueueClient RepublishPoisonQueue => Storage.RepublishPoisonQueue;

    public TableClient Jobs => Storage.Jobs;

    public PostPublisher Publisher => Services.GetRequiredService<PostPublisher>();

    public PostWithdrawal Withdrawal => Services.GetRequiredService<PostWithdrawal>();

    public PostRestorer Restorer => Services.GetRequiredService<PostRestorer>();

    /// <summary>The settings a test site uses; tests may add their own on top.</summary>
    public static Dictionary<string, string?> Settings(string connectionString)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = connectionString,
            ["Storage:SourceContainer"] = $"posts-{id}",
            ["Storage:SiteContainer"] = $"web-{id}",
            ["Storage:IndexTable"] = $"index{id}",
            ["Storage:ThemeContainer"] = $"theme-{id}",
            ["Storage:AuditContainer"] = $"audit-{id}",
            ["Storage:RevisionContainer"] = $"revisions-{id}",
            ["Storage:DraftContainer"] = $"drafts-{id}",
            ["Storage:ScheduleQueue"] = $"schedule-{id}",
            ["Storage:RepublishQueue"] = $"republish-{id}",
            ["Storage:JobsTable"] = $"jobs{id}",
            ["Storage:WebhookQueue"] = $"webhooks-{id}",
            ["Site:Name"] = "Covalent Bond",
            ["Site:BaseUrl"] = "https://covalentbond.example/",
            ["Site:Tagline"] = "Your humble servant tries to be as unbiased an analyst as possible.",
            ["Site:Copyright"] = "© 2025 by COVALENT BOND",
            ["Site:FooterSections:0"] = "Journalism (Independent)",
            ["Site:FooterSections:1"] = "Commentary",
            ["Site:TimeZone"] = "Europe/Belgrade",
            ["Site:DateFormat"] = "M/d/yy",
        };
    }

    /// <param name="clock">The time the site runs on; the system clock when null.</param>
    /// <param name="configure">Changes to the services after the hosts' registration (decorators for tests).</param>
    public static Task<TestSite> CreateAsync(
        string connectionString,
        IDictionary<string, string?>? overrides = null,
        TimeProvider? clock = null,
        Action<IServiceCollection>? configure = null)
    {
        var settings = Settings(connectionString);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        collection.AddCovalentBond(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        services.WarmUpCovalentBond();
        return Task.FromResult(new TestSite(services, configuration, connectionString));
    }

    /// <summary>Every blob of the site with its ETag and hash, to compare two states of the site.</summary>
    public Task<IReadOnlyDictionary<string, string>> SnapshotAsync() => Storage.SnapshotAsync();

    public Task<string?> ReadSiteTextAsync(string path) => Storage.ReadSiteTextAsync(path);

    /// <summary>
    /// A full republish run to its end: started as the HTTP function starts it, and its batches taken off the real queue and
    /// handed to the worker in-process, as the Functions host would.
    /// </summary>
    public async Task<Publishing.Ports.RepublishStatus> RepublishAsync(string reason)
    {
        var republisher = Services.GetRequiredService<Publishing.Republishing.SiteRepublisher>();
        var job = await republisher.StartAsync(reason, CancellationToken.None);
        while (true)
        {
            var messages = (await RepublishQueue.ReceiveMessagesAsync(8, TimeSpan.FromSeconds(30))).Value;
            if (messages.Length == 0)
            {
                if ((await RepublishQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
                {
                    return (await republisher.StatusAsync(job.JobId, CancellationToken.None))!;
                }

                await Task.Delay(200);
                continue;
            }

            foreach (var message in messages)
            {
                await republisher.ProcessAsync(CovalentBond.Storage.Queues.QueueRepublishDispatcher.Deserialize(message.Body.ToString()), message.DequeueCount, CancellationToken.None);
                await RepublishQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Storage.DeleteAllAsync();
    }
}
