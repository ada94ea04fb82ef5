using System.Text.Json;
using System.Text.Json.Serialization;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using Microsoft.AspNetCore.Mvc;

namespace CovalentBond.Functions.Http;

/// <summary>How the HTTP API answers: JSON bodies and RFC 9457 problem details, in one place.</summary>
internal static class HttpResults
{
    public const string ProblemContentType = "application/problem+json";
    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ContentResult Ok(object body, int status = 200) => new()
    {
        StatusCode = status,
        ContentType = JsonContentType,
        Content = JsonSerializer.Serialize(body, Json),
    };

    /// <summary>A problem-details answer (RFC 9457).</summary>
    public static ContentResult Problem(int status, string title, string detail, IReadOnlyList<PostProblem>? errors = null) => new()
    {
        StatusCode = status,
        ContentType = ProblemContentType,
        Content = JsonSerializer.Serialize(
            new ProblemBody(
                "about:blank",
                title,
                status,
                detail,
                errors?.Select(e => new ProblemError(e.Line, e.Field, e.Message, e.ToString())).ToList()),
            Json),
    };

    /// <summary>
    /// A refused change as every endpoint answers it: 403 (not the caller's to make), 412 (changed since it was read),
    /// 428 (no If-Match), else <paramref name="status"/> with <paramref name="title"/> (the endpoint's own meaning).
    /// </summary>
    public static ContentResult Refused(PublishResult result, int status, string title) => result.Status switch
    {
        PublishStatus.Forbidden => Problem(403, "Not allowed", Detail(result), result.Problems),
        PublishStatus.PreconditionFailed => Problem(412, "The post changed since you read it", Detail(result), result.Problems),
        PublishStatus.PreconditionRequired => Problem(428, "Say which version you changed", Detail(result), result.Problems),
        _ => Problem(status, title, Detail(result), result.Problems),
    };

    private static string Detail(PublishResult result) => string.Join("; ", result.Problems);

    private sealed record ProblemBody(string Type, string Title, int Status, string Detail, IReadOnlyList<ProblemError>? Errors);

    private sealed record ProblemError(int? Line, string? Field, string Message, string Text);
}
