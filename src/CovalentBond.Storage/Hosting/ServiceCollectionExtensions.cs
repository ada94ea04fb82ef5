using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Theme;
using CovalentBond.Storage.Blobs;
using CovalentBond.Storage.Queues;
using CovalentBond.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Hosting;

/// <summary>The registrations of the Azure adapters, and of the application on them, shared by the Functions app, the CLI and the tests.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The core (<c>AddCovalentBondCore</c>) on Azure storage, with logging: what the Functions app and the CLI run.</summary>
    public static IServiceCollection AddCovalentBond(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCovalentBondCore(configuration);
        services.AddAzureStorage(configuration);

        // Hosts that set up logging keep theirs (AddLogging only adds what is missing).
        services.AddLogging();
        return services;
    }

    /// <summary>The Azure adapters of every port (blobs, tables, queues) and the theme read from the theme container.</summary>
    public static IServiceCollection AddAzureStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddSingleton(_ => ContentStorageClients.FromConfiguration(configuration));
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<ISourceStore, BlobSourceStore>();
        services.AddSingleton<ISiteStore, BlobSiteStore>();
        services.AddSingleton<IPostIndex, TablePostIndex>();
        services.AddSingleton<IMediaIndex, TableMediaIndex>();
        services.AddSingleton<IAliasClaims, TableAliasClaims>();
        services.AddSingleton<ISourceCache, TableSourceCache>();
        services.AddSingleton<IScheduleAlarms, QueueScheduleAlarms>();
        services.AddSingleton<IRepublishJobStore, TableRepublishJobStore>();
        services.AddSingleton<IAuditTrail, AppendBlobAuditTrail>();
        services.AddSingleton<IRevisionStore, BlobRevisionStore>();
        services.AddSingleton<IDraftStore, BlobDraftStore>();
        services.AddSingleton<IRepublishDispatcher, QueueRepublishDispatcher>();
        services.AddSingleton<IWebhookOutbox, Webhooks.QueueWebhookOutbox>();
        services.AddSingleton<IWebhookLog, Webhooks.TableWebhookLog>();
        services.AddSingleton<RepublishQueueWorker>();

        // Front Door's purge when the site has one; without it the core's default logs what it would purge.
        var frontDoor = configuration.GetSection(Edge.FrontDoorOptions.SectionName).Get<Edge.FrontDoorOptions>();
        if (!string.IsNullOrWhiteSpace(frontDoor?.EndpointId))
        {
            services.AddSingleton<IEdgePurge>(sp => new Edge.FrontDoorPurge(
                new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
                sp.GetService<Azure.Core.TokenCredential>() ?? ContentStorageClients.CredentialFor(frontDoor.ClientId),
                frontDoor));
        }

        services.AddSingleton<BlobThemeLoader>();
        services.AddSingleton<IThemeSource>(sp => sp.GetRequiredService<BlobThemeLoader>());
        services.AddSingleton(sp => new CurrentTheme(sp.GetRequiredService<BlobThemeLoader>().Load()));
        return services;
    }

    /// <summary>
    /// Loads what is loaded once per process (the theme, read from storage with blocking calls) before
    /// any request arrives. Without it the first burst of concurrent requests would all wait on one
    /// blocking load inside the container and starve the thread pool.
    /// </summary>
    public static IServiceProvider WarmUpCovalentBond(this IServiceProvider services)
    {
        services.GetRequiredService<CurrentTheme>();
        return services;
    }
}
