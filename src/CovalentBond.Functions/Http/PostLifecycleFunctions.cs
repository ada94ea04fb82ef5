using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// Taking posts off the site and bringing them back: <c>DELETE /api/posts/{slug}</c> (the address then
/// answers "gone"), <c>POST /api/posts/{slug}/unpublish</c> and <c>POST /api/posts/{slug}/restore</c>.
/// Sources are never deleted. Each needs <c>If-Match</c> with the ETag read (428 without, 412 when the post changed
/// since), as a save does: no one takes down or brings back a version they have not seen.
/// </summary>
public sealed class PostLifecycleFunctions(PostWithdrawal withdrawal, PostRestorer restorer)
{
    [Function("DeletePost")]
    public Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "posts/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        RunAsync(slug, () => withdrawal.DeleteAsync(slug, request.Caller(), IfMatchOf(request), ifMatchRequired: true, cancellationToken));

    [Function("UnpublishPost")]
    public Task<IActionResult> UnpublishAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "posts/{slug}/unpublish")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        RunAsync(slug, () => withdrawal.UnpublishAsync(slug, request.Caller(), IfMatchOf(request), ifMatchRequired: true, cancellationToken));

    [Function("RestorePost")]
    public Task<IActionResult> RestoreAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "posts/{slug}/restore")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        RunAsync(slug, () => restorer.RestoreAsync(slug, request.Caller(), IfMatchOf(request), ifMatchRequired: true, cancellationToken));

    /// <summary>The <c>If-Match</c> the caller sent, if any: optional here, checked when sent.</summary>
    private static string? IfMatchOf(HttpRequest request) => request.Headers.IfMatch.ToString() is { Length: > 0 } etag ? etag.Trim() : null;

    private static async Task<IActionResult> RunAsync(string slug, Func<Task<PublishResult?>> action)
    {
        if (!Slug.IsValid(slug))
        {
            return HttpResults.Problem(400, "The slug is not valid", $"'{slug}' is not a valid slug.", [new PostProblem(null, "slug", $"'{slug}' is not a valid slug")]);
        }

        var result = await action();
        return result switch
        {
            null => HttpResults.Problem(404, "No such post", $"There is no post '{slug}'."),
            { IsRefused: true } => HttpResults.Refused(result, 409, "The stored source cannot be published"),
            _ => HttpResults.Ok(new
            {
                slug = result.Slug,
                postStatus = result.PostStatus?.ToString().ToLowerInvariant(),
                url = result.Url,
                pagesWritten = result.PagesWritten,
            }),
        };
    }
}
