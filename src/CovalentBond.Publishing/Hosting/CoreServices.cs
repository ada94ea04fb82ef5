using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ownership;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Publishing.Scheduling;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Verifying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CovalentBond.Publishing.Hosting;

/// <summary>
/// The one registration of the publishing core: its settings, the renderers and the use cases. It names no store:
/// an adapter registers the <see cref="Ports"/> and the <see cref="Theme.CurrentTheme"/> (Azure storage with
/// <c>AddAzureStorage</c>, the in-memory stores of the tests with <c>AddInMemoryStorage</c>). Every host (the
/// Functions app, the CLI, the tests) takes this same registration.
/// </summary>
public static class CoreServices
{
    public static IServiceCollection AddCovalentBondCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.SectionName));
        services.AddOptions<VerifyOptions>().Bind(configuration.GetSection(VerifyOptions.SectionName));
        services.AddOptions<RepublishOptions>().Bind(configuration.GetSection(RepublishOptions.SectionName));
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName));
        services.AddOptions<Webhooks.WebhookOptions>().Bind(configuration.GetSection(Webhooks.WebhookOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Webhooks.WebhookOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiteOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RepublishOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);

        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<PostReader>();
        services.AddSingleton<PostPreparer>();
        services.AddSingleton<StaticSiteBuilder>(sp => new(sp.GetRequiredService<PostPreparer>(), sp.GetRequiredService<PageRenderer>()));

        services.AddSingleton<AliasOwnership>();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaPublisher>();
        services.AddSingleton<StoredArticleRenderer>();
        services.AddSingleton<SiteUpdater>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<PostHistory>();
        services.AddSingleton<Edge.EdgePurger>();
        services.AddSingleton<Ports.IPostChangeListener>(sp => sp.GetRequiredService<Edge.EdgePurger>());
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddSingleton<Ports.IPostChangeListener>(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddSingleton(sp => new Webhooks.WebhookDeliverer(
            sp.GetRequiredService<Webhooks.WebhookOptions>(), sp.GetRequiredService<Ports.IWebhookOutbox>(), sp.GetRequiredService<Ports.IWebhookLog>(),
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Webhooks.WebhookDeliverer>>()));
        services.TryAddSingleton<Ports.IEdgePurge, Edge.LoggedEdgePurge>();
        services.AddSingleton<PostChanges>();
        services.AddSingleton<PostPublisher>();
        services.AddSingleton<PostWithdrawal>();
        services.AddSingleton<PostRestorer>();
        services.AddSingleton<PostReview>();
        services.AddSingleton<Preview.PostPreviewer>();
        services.AddSingleton<StoredPostRepublisher>();
        services.AddSingleton<ScheduledPublisher>();
        services.AddSingleton<SiteRepublisher>();
        services.AddSingleton<SiteChangeWatcher>();
        services.AddSingleton<SiteVerifier>();
        services.AddSingleton<MediaVerifier>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The <c>Site</c> section of <paramref name="configuration"/>, bound as the registration binds it: for tools that render without the services.</summary>
    public static SiteOptions SiteOptionsOf(IConfiguration configuration)
    {
        var site = new SiteOptions();
        configuration.GetSection(SiteOptions.SectionName).Bind(site);
        return site;
    }
}
