using CovalentBond.Publishing.Identity;
using Microsoft.AspNetCore.Http;

namespace CovalentBond.Identity.Http;

/// <summary>The caller the gate admitted, kept on the request for the handler.</summary>
public sealed record CallerFeature(Caller Caller);

/// <summary>How a handler asks who is calling: never from a header, only from what the gate admitted.</summary>
public static class CallerOfRequest
{
    /// <summary>The caller the gate admitted; throws when no gate ran, so a handler wired without one fails closed.</summary>
    public static Caller Caller(this HttpRequest request) =>
        request.HttpContext.Features.Get<CallerFeature>()?.Caller
        ?? throw new InvalidOperationException("No caller on this request: the API gate did not run before the handler.");
}
