using System.Text.Json;
using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// Review: <c>POST /api/posts/{slug}/submit</c> (a draft's owner, or an Editor), <c>POST …/approve</c> (an Editor:
/// published, or scheduled if its date is ahead) and <c>POST …/return</c> with <c>{"note": "…"}</c> (an Editor: back to
/// a draft, with the note for its author).
/// </summary>
public sealed class PostReviewFunctions(PostReview review, TimeProvider clock)
{
    /// <summary>The longest note an Editor may send back.</summary>
    public const int MaxNoteLength = 4000;

    [Function("SubmitPost")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "posts/{slug}/submit")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        RunAsync(slug, () => review.SubmitAsync(slug, request.Caller(), cancellationToken));

    /// <summary>Approves; an optional body <c>{"at": "2026-12-09T08:00:00+01:00"}</c> schedules it for that time (it must be ahead).</summary>
    [Function("ApprovePost")]
    public async Task<IActionResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "posts/{slug}/approve")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? at = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            string? text = null;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("at", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text = value.GetString();
                }
            }
            catch (JsonException)
            {
            }

            // An offset is required: "08:00" alone would be read in the server's zone, not the site's or the Editor's.
            if (text is null || !System.Text.RegularExpressions.Regex.IsMatch(text, @"(Z|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
                || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                return HttpResults.Problem(400, "Not a time", "Send no body to publish now, or {\"at\": \"2026-12-09T08:00:00+01:00\"}: an ISO 8601 time with its offset.");
            }

            if (parsed <= clock.GetUtcNow())
            {
                return HttpResults.Problem(400, "The time has passed", $"{text} is not ahead; approve without a time to publish now.");
            }

            at = parsed;
        }

        return await RunAsync(slug, () => review.ApproveAsync(slug, request.Caller(), at, cancellationToken));
    }

    [Function("ReturnPost")]
    public async Task<IActionResult> ReturnAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "posts/{slug}/return")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        string? note = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("note", out var value) && value.ValueKind == JsonValueKind.String)
            {
                note = value.GetString();
            }
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrWhiteSpace(note) || note.Length > MaxNoteLength || note.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return HttpResults.Problem(400, "A note is needed",
                $"Send {{\"note\": \"…\"}}: what the author should change, at most {MaxNoteLength:N0} characters, no control characters.");
        }

        return await RunAsync(slug, () => review.ReturnAsync(slug, note.Trim(), request.Caller(), cancellationToken));
    }

    private static async Task<IActionResult> RunAsync(string slug, Func<Task<PublishResult?>> action)
    {
        if (!Slug.IsValid(slug))
        {
            return HttpResults.Problem(400, "The slug is not valid", $"'{slug}' is not a valid slug.");
        }

        var result = await action();
        return result switch
        {
            null => HttpResults.Problem(404, "No such post", $"There is no post '{slug}'."),
            { IsRefused: true } => HttpResults.Refused(result, 409, "Not in a state for that"),
            _ => HttpResults.Ok(new
            {
                slug = result.Slug,
                postStatus = result.PostStatus is { } status ? PostStatusWords.Of(status) : null,
                url = result.Url,
                etag = result.ETag,
            }),
        };
    }
}
