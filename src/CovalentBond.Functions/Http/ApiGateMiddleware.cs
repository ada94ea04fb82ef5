using CovalentBond.Identity.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CovalentBond.Functions.Http;

/// <summary>
/// The worker middleware before every HTTP function: the function's action from <see cref="ApiRoutes"/>, then the
/// <see cref="ApiGate"/> (token, roles); the function runs only when the gate admits the caller. The functions declare
/// <c>AuthorizationLevel.Anonymous</c>: the host's keys play no part in who may call the API.
/// </summary>
public sealed class ApiGateMiddleware(ApiGate gate) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context);
            return;
        }

        if (ApiRoutes.ActionOf(context.FunctionDefinition.Name) is not { } action)
        {
            http.Response.StatusCode = 404;
            return;
        }

        var data = context.BindingContext.BindingData;
        var subject = (data.TryGetValue("slug", out var slug) ? slug : data.TryGetValue("path", out var path) ? path : null)?.ToString();
        if (await gate.CheckAsync(http, action, subject, context.CancellationToken) is { } refusal)
        {
            // Answered as a function answers: its result, which the worker's ASP.NET Core integration writes.
            context.GetInvocationResult().Value = refusal;
            return;
        }

        await next(context);
    }
}
