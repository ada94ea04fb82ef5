using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// <c>GET /api/me</c>: the caller as the API sees them (object id, name, kind, app roles) and what those roles allow;
/// for <c>covalent whoami</c> and the editor's sign-in. Any valid token, even one with no role of this app.
/// </summary>
public static class WhoAmIFunction
{
    [Function("WhoAmI")]
    public static Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = request.Caller();
        return Task.FromResult<IActionResult>(HttpResults.Ok(new
        {
            id = caller.Id,
            name = caller.Name,
            kind = caller.Kind.ToString().ToLowerInvariant(),
            roles = caller.Roles.Order().Select(r => r.ToString()).ToList(),
            may = Enum.GetValues<ApiAction>().Where(a => a != ApiAction.WhoAmI && AccessPolicy.Allows(caller, a))
                .Select(a => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(a.ToString())).ToList(),
        }));
    }
}
