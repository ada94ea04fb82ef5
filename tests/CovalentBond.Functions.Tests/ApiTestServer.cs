using CovalentBond.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Tests;

/// <summary>
/// The Functions app's HTTP API on a real Kestrel, since Core Tools cannot run here: <see cref="LocalApi"/> routes every
/// HTTP function behind the app's own gate, with the test host's services (a new endpoint is served, and put through
/// the role matrix, without touching this file).
/// </summary>
public sealed class ApiTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiTestServer(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.First().TrimEnd('/') + "/");

    /// <summary>Every HTTP function of the app: its name, verbs and route.</summary>
    public static IReadOnlyList<LocalApi.HttpFunction> Endpoints => LocalApi.Functions;

    public static async Task<ApiTestServer> StartAsync(FunctionsTestHost host)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = null).UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapFunctionsApi(host.Services);
        await app.StartAsync();
        return new ApiTestServer(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
