using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Publishing.Scheduling;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Theme;
using CovalentBond.Storage.Blobs;
using CovalentBond.Storage.Queues;
using CovalentBond.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CovalentBond.Storage.Hosting;

/// <summary>The one registration of the application services, shared by the Functions app, the CLI and the tests.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddCovalentBond(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.SectionName));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<CovalentBond.Publishing.Verifying.VerifyOptions>().Bind(configuration.GetSection(CovalentBond.Publishing.Verifying.VerifyOptions.SectionName));
        services.AddOptions<RepublishOptions>().Bind(configuration.GetSection(RepublishOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RepublishOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiteOptions>>().Value);

        services.AddSingleton(_ => ContentStorageClients.FromConfiguration(configuration));
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<ISourceStore, BlobSourceStore>();
        services.AddSingleton<ISiteStore, BlobSiteStore>();
        services.AddSingleton<IPostIndex, TablePostIndex>();
        services.AddSingleton<IMediaIndex, TableMediaIndex>();
        services.AddSingleton<CovalentBond.Publishing.Ports.IAliasClaims, TableAliasClaims>();
        services.AddSingleton<CovalentBond.Publishing.Ownership.AliasOwnership>();
        services.AddSingleton<ISourceCache, TableSourceCache>();
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaPublisher>();
        services.AddSingleton<CovalentBond.Publishing.Verifying.MediaVerifier>();
        services.AddSingleton<IScheduleAlarms, QueueScheduleAlarms>();
        services.AddSingleton<IRepublishJobStore, TableRepublishJobStore>();
        services.AddSingleton<IRepublishDispatcher, QueueRepublishDispatcher>();
        services.AddSingleton<RepublishQueueWorker>();

        services.AddSingleton<BlobThemeLoader>();
        services.AddSingleton<IThemeSource>(sp => sp.GetRequiredService<BlobThemeLoader>());
        services.AddSingleton(sp => new CurrentTheme(sp.GetRequiredService<BlobThemeLoader>().Load()));
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<PostReader>();
        services.AddSingleton<PostPreparer>();
        services.AddSingleton<PostPublisher>();
        services.AddSingleton<SiteRebuilder>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddSingleton<SiteRepublisher>();
        services.AddSingleton<SiteChangeWatcher>();
        services.AddSingleton<CovalentBond.Publishing.Verifying.SiteVerifier>();
        services.AddSingleton<StoredArticleRenderer>();
        services.AddSingleton<SiteUpdater>();
        services.AddSingleton(sp => new CovalentBond.Publishing.Build.StaticSiteBuilder(sp.GetRequiredService<PostPreparer>(), sp.GetRequiredService<PageRenderer>()));
        services.TryAddSingleton(TimeProvider.System);

        // Hosts that set up logging keep theirs (AddLogging only adds what is missing).
        services.AddLogging();
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
