using System.Reflection;
using CovalentBond.Functions.Http;
using CovalentBond.Identity.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Tests;

/// <summary>
/// The Functions app's HTTP API on a real Kestrel, since Core Tools cannot run here: every method the app declares with
/// <c>[Function]</c> and <c>[HttpTrigger]</c> is routed at <c>/api/{Route}</c> for its verbs, found by reflection (a new
/// endpoint is served, and put through the matrix, without touching this file). Before each one runs, the app's own
/// <see cref="ApiGate"/> from the host's services (what <see cref="ApiGateMiddleware"/> calls in the worker), with the
/// action from <see cref="ApiRoutes"/>; route values and the body bind as the host binds them.
/// </summary>
public sealed class ApiTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiTestServer(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.First().TrimEnd('/') + "/");

    /// <summary>Every HTTP function of the app: its name, verbs and route.</summary>
    public static IReadOnlyList<(string Name, string[] Methods, string Route, MethodInfo Method)> Endpoints { get; } =
        typeof(FunctionsAppSetup).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => (x.Function!.Name, x.Trigger!.Methods!, x.Trigger.Route!, x.Method))
            .ToList();

    public static async Task<ApiTestServer> StartAsync(FunctionsTestHost host)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = null).UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gate = host.Services.GetRequiredService<ApiGate>();
        foreach (var (name, methods, route, method) in Endpoints)
        {
            app.MapMethods("/api/" + route, methods.Select(m => m.ToUpperInvariant()), async context =>
            {
                if (ApiRoutes.ActionOf(name) is not { } action)
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                if (!await gate.AdmitAsync(context, action, context.RequestAborted))
                {
                    return;
                }

                var function = ActivatorUtilities.CreateInstance(host.Services, method.DeclaringType!);
                var arguments = method.GetParameters().Select(p =>
                    p.ParameterType == typeof(HttpRequest) ? context.Request
                    : p.ParameterType == typeof(CancellationToken) ? context.RequestAborted
                    : (object?)context.Request.RouteValues[p.Name!]?.ToString()).ToArray();
                var result = Assert.IsType<ContentResult>(await (Task<IActionResult>)method.Invoke(function, arguments)!);
                context.Response.StatusCode = result.StatusCode ?? 200;
                context.Response.ContentType = result.ContentType;
                await context.Response.WriteAsync(result.Content ?? "");
            });
        }

        await app.StartAsync();
        return new ApiTestServer(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
