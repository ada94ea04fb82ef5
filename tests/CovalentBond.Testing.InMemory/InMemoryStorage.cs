using CovalentBond.Publishing.Memory;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Theme;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Testing.InMemory;

/// <summary>
/// The in-memory adapter of every port of the core, registered as
/// <c>AddAzureStorage</c> registers the Azure ones: <c>AddCovalentBondCore(...).AddInMemoryStorage()</c> is a whole
/// site in one process, for the fast lane. The republish queue's batches wait in <see cref="InMemoryRepublishDispatcher"/>
/// until a test runs them.
/// </summary>
public static class InMemoryStorage
{
    public static IServiceCollection AddInMemoryStorage(this IServiceCollection services, Theme? theme = null)
    {
        Add<ISiteStore, InMemorySiteStore>(services);
        Add<ISourceStore, InMemorySourceStore>(services);
        Add<ISourceCache, InMemorySourceCache>(services);
        Add<IPostIndex, InMemoryPostIndex>(services);
        Add<IMediaIndex, InMemoryMediaIndex>(services);
        Add<IAliasClaims, InMemoryAliasClaims>(services);
        Add<IScheduleAlarms, InMemoryScheduleAlarms>(services);
        Add<IRepublishJobStore, InMemoryRepublishJobStore>(services);
        Add<IRepublishDispatcher, InMemoryRepublishDispatcher>(services);
        Add<IAuditTrail, InMemoryAuditTrail>(services);
        Add<IRevisionStore, InMemoryRevisionStore>(services);
        Add<IDraftStore, InMemoryDraftStore>(services);
        Add<IEdgePurge, RecordingEdgePurge>(services);
        Add<IWebhookOutbox, InMemoryWebhookOutbox>(services);
        Add<IWebhookLog, InMemoryWebhookLog>(services);
        var themes = new InMemoryThemeSource(theme ?? Theme.Default);
        services.AddSingleton(themes);
        services.AddSingleton<IThemeSource>(themes);
        services.AddSingleton(_ => new CurrentTheme(themes.Theme));
        services.AddLogging();
        return services;
    }

    private static void Add<TPort, TAdapter>(IServiceCollection services)
        where TPort : class
        where TAdapter : class, TPort
    {
        services.AddSingleton<TAdapter>();
        services.AddSingleton<TPort>(sp => sp.GetRequiredService<TAdapter>());
    }
}

/// <summary>The site owner's theme, held in memory; a test replaces it as an owner would upload a new one.</summary>
public sealed class InMemoryThemeSource(Theme theme) : IThemeSource
{
    public Theme Theme { get; set; } = theme;

    public Task<Theme> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Theme);
}
