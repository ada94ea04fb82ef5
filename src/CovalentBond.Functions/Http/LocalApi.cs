using System.Reflection;
using CovalentBond.Identity.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Http;

/// <summary>
/// The API on a plain ASP.NET Core host, where the Functions host cannot run (<c>covalent dev</c>, the tests; Core Tools
/// cannot be installed here): every method this app declares with <c>[Function]</c> and <c>[HttpTrigger]</c> is routed
/// at <c>/api/{Route}</c> for its verbs, found by reflection, and runs behind the same <see cref="ApiGate"/> that
/// <see cref="ApiGateMiddleware"/> runs in the worker, with the action from <see cref="ApiRoutes"/>. Route values and the
/// request bind as the host binds them. No handler is written twice.
/// </summary>
public static class LocalApi
{
    /// <summary>One HTTP function: its name, verbs, route and method.</summary>
    public sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, MethodInfo Method);

    /// <summary>Every HTTP function of the app.</summary>
    public static IReadOnlyList<HttpFunction> Functions { get; } =
        typeof(LocalApi).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunction(x.Function!.Name, x.Trigger!.Methods!.Select(v => v.ToUpperInvariant()).ToList(), x.Trigger.Route!, x.Method))
            .ToList();

    /// <summary>Maps every HTTP function at <c>/api/…</c>; its class is made from <paramref name="services"/> per call, as the worker does.</summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="services">The app's services: <c>AddCovalentBond</c> and <c>AddApiSignIn</c>.</param>
    public static IEndpointRouteBuilder MapFunctionsApi(this IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        var gate = services.GetRequiredService<ApiGate>();
        foreach (var function in Functions)
        {
            endpoints.MapMethods("/api/" + function.Route, function.Methods, async context =>
            {
                if (ApiRoutes.ActionOf(function.Name) is not { } action)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                var subject = context.Request.RouteValues["slug"]?.ToString() ?? context.Request.RouteValues["path"]?.ToString();
                if (await gate.CheckAsync(context, action, subject, context.RequestAborted) is { } refusal)
                {
                    await WriteAsync(context, refusal);
                    return;
                }

                var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Method.DeclaringType!);
                var arguments = function.Method.GetParameters().Select(p =>
                    p.ParameterType == typeof(HttpRequest) ? context.Request
                    : p.ParameterType == typeof(CancellationToken) ? context.RequestAborted
                    : (object?)context.Request.RouteValues[p.Name!]?.ToString()).ToArray();
                var result = await (Task<IActionResult>)function.Method.Invoke(instance, arguments)!;
                await WriteAsync(context, result as ContentResult
                    ?? throw new InvalidOperationException($"{function.Name} answered with a {result.GetType().Name}; the API answers with HttpResults"));
            });
        }

        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, ContentResult content)
    {
        context.Response.StatusCode = content.StatusCode ?? StatusCodes.Status200OK;
        context.Response.ContentType = content.ContentType;
        await context.Response.WriteAsync(content.Content ?? "", context.RequestAborted);
    }
}
