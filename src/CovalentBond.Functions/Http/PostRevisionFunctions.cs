using System.Text;
using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Revisions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// A post's history: <c>GET /api/posts/{slug}/revisions</c> (who and when, newest first),
/// <c>GET …/revisions/{id}</c> (that version's source; with <c>?against={otherId}</c>, a unified diff from the other to
/// it) and <c>POST …/revisions/{id}/restore</c>, which publishes that source again as a new revision, by the caller, with
/// the same rules as any save (ownership; <c>If-Match</c> when sent).
/// </summary>
public sealed class PostRevisionFunctions(IRevisionStore revisions, PostPublisher publisher)
{
    [Function("ListRevisions")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/{slug}/revisions")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return HttpResults.Problem(400, "The slug is not valid", $"'{slug}' is not a slug.");
        }

        var list = await revisions.ListAsync(slug, cancellationToken);
        return list.Count == 0
            ? HttpResults.Problem(404, "No revisions", $"There is no revision of '{slug}'.")
            : HttpResults.Ok(new { slug, revisions = list });
    }

    [Function("ShowRevision")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/{slug}/revisions/{id}")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(slug, id, cancellationToken) is not { } found)
        {
            return NotFound(slug, id);
        }

        var against = request.Query["against"].ToString();
        if (against.Length == 0)
        {
            return HttpResults.Ok(new { revision = found.Revision, source = Encoding.UTF8.GetString(found.Content) });
        }

        if (await ReadAsync(slug, against, cancellationToken) is not { } other)
        {
            return NotFound(slug, against);
        }

        var diff = LineDiff.Unified(Encoding.UTF8.GetString(other.Content), Encoding.UTF8.GetString(found.Content), $"{slug}@{against}", $"{slug}@{id}");
        return HttpResults.Ok(new { from = other.Revision, to = found.Revision, diff });
    }

    [Function("RestoreRevision")]
    public async Task<IActionResult> RestoreAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "posts/{slug}/revisions/{id}/restore")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken)
    {
        if (await ReadAsync(slug, id, cancellationToken) is not { } found)
        {
            return NotFound(slug, id);
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        var upload = PostUpload.FromHttp(found.Content, slug, request.Caller()) with
        {
            Action = "restore-revision",
            Precondition = new SavePrecondition(ifMatch.Length == 0 ? "*" : ifMatch.Trim(), false),
        };
        var result = await publisher.PublishAsync(upload, cancellationToken);
        return result.IsRefused
            ? HttpResults.Refused(result, 409, "That version cannot be published now")
            : HttpResults.Ok(new
            {
                slug = result.Slug,
                restored = id,
                status = result.Status.ToString().ToLowerInvariant(),
                postStatus = result.PostStatus?.ToString().ToLowerInvariant(),
                url = result.Url,
                etag = result.ETag,
            });
    }

    private async Task<(PostRevision Revision, byte[] Content)?> ReadAsync(string slug, string id, CancellationToken cancellationToken) =>
        Slug.IsValid(slug) && PostRevision.IsId(id) ? await revisions.ReadAsync(slug, id, cancellationToken) : null;

    private static ContentResult NotFound(string slug, string id) =>
        HttpResults.Problem(404, "No such revision", $"'{slug}' has no revision '{id}'.");
}
