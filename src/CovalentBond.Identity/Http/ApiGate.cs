using System.Diagnostics;
using System.Text.Json;
using CovalentBond.Identity.Tokens;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Identity.Http;

/// <summary>
/// What stands before every API handler, in every host (the Functions worker's middleware, <c>covalent dev</c>, the
/// tests' server): the bearer token is validated, the caller's roles checked against the action, and the request
/// either goes on with its <see cref="Caller"/> or is answered here: 401 with <c>WWW-Authenticate</c> when there is no
/// valid token, 403 naming the roles needed when the caller lacks them. Refusals of presented tokens and of roles are
/// in the audit trail; requests with no token at all are only logged (anyone on the internet can send those).
/// </summary>
public sealed partial class ApiGate(AccessTokenValidator tokens, AuditRecorder audit, ILogger<ApiGate> logger)
{
    public const string Realm = "covalent-bond";

    /// <summary>
    /// Null when the request may go on to its handler (its caller is then on the request); otherwise the answer to give
    /// instead, as a handler's result (the <c>WWW-Authenticate</c> header of a 401 is set on the response already).
    /// </summary>
    /// <param name="http">The request.</param>
    /// <param name="action">What the endpoint does.</param>
    /// <param name="subject">The post (its slug) or picture the request is about, for the audit trail; the path when null.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public async Task<ContentResult?> CheckAsync(HttpContext http, ApiAction action, string? subject = null, CancellationToken cancellationToken = default)
    {
        var check = await tokens.ValidateAsync(http.Request.Headers.Authorization.ToString(), cancellationToken);
        subject ??= http.Request.Path.Value;
        if (check.Caller is not { } caller)
        {
            LogUnauthenticated(logger, action, subject, check.Problem);
            if (check.TokenPresented)
            {
                await audit.RecordUnauthenticatedAsync(ActionName(action), subject, check.Problem ?? "invalid token", cancellationToken);
            }

            http.Response.Headers.WWWAuthenticate = check.TokenPresented
                ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{check.Problem}\""
                : $"Bearer realm=\"{Realm}\"";
            return Problem(401, "Sign-in required", check.TokenPresented
                ? $"The access token was refused: {check.Problem}. Get a new token and retry."
                : "This API takes an Entra ID access token: Authorization: Bearer <token>.");
        }

        Activity.Current?.SetTag("enduser.id", caller.Id);
        if (!AccessPolicy.Allows(caller, action))
        {
            var needed = string.Join(" or ", AccessPolicy.RolesFor(action));
            LogForbidden(logger, caller.Id, action, subject);
            await audit.RecordAsync(caller, ActionName(action), "forbidden", subject, detail: $"needs {needed}", cancellationToken: cancellationToken);
            return Problem(403, "Not allowed", $"{caller.Name} may not {Describe(action)}: that takes the role {needed}.");
        }

        http.Features.Set(new CallerFeature(caller));
        return null;
    }

    private static string ActionName(ApiAction action) => JsonNamingPolicy.KebabCaseLower.ConvertName(action.ToString());

    private static string Describe(ApiAction action) => action switch
    {
        ApiAction.WhoAmI => "ask who they are",
        ApiAction.ReadPosts => "read posts",
        ApiAction.WritePost => "write posts",
        ApiAction.WithdrawPost => "unpublish or delete posts",
        ApiAction.RestorePost => "restore posts",
        ApiAction.UploadMedia => "upload pictures",
        ApiAction.OperateSite => "republish or verify the site",
        ApiAction.ReadAudit => "read the audit trail",
        ApiAction.ReviewPost => "approve or return posts in review",
        _ => action.ToString(),
    };

    private static ContentResult Problem(int status, string title, string detail) => new()
    {
        StatusCode = status,
        ContentType = "application/problem+json",
        Content = JsonSerializer.Serialize(new { type = "about:blank", title, status, detail }, JsonSerializerOptions.Web),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an unauthenticated call ({Action} {Path}): {Problem}")]
    private static partial void LogUnauthenticated(ILogger logger, ApiAction action, string? path, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {CallerId}: {Action} {Path} needs another role")]
    private static partial void LogForbidden(ILogger logger, string callerId, ApiAction action, string? path);
}
