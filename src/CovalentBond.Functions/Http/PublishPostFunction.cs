using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// <c>PUT /api/posts/{slug}</c>: publish a Markdown post sent as the request body. A change of an existing post takes
/// <c>If-Match</c> with the ETag the caller read (412 when the post changed since, naming who changed it; 428 without
/// it); a new post may say <c>If-None-Match: *</c>.
/// </summary>
public sealed class PublishPostFunction(PostPublisher publisher, SiteOptions site)
{
    [Function("PublishPost")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "posts/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return HttpResults.Problem(400, "The slug is not valid",
                $"'{slug}' may use only lowercase a-z, digits and single dashes, at most {Slug.MaxLength} characters.",
                [new PostProblem(null, "slug", $"'{slug}' is not a valid slug")]);
        }

        var body = await UploadBody.ReadAsync(request, site.MaxPostBytes, cancellationToken);
        if (body is null)
        {
            return HttpResults.Problem(413, "The post is too large", $"A post may be at most {site.MaxPostBytes:N0} bytes.");
        }

        var upload = PostUpload.FromHttp(body, slug, request.Caller()) with { Precondition = PreconditionOf(request) };
        var result = await publisher.PublishAsync(upload, cancellationToken);
        if (result.Status == PublishStatus.Invalid)
        {
            return HttpResults.Problem(400, "The post is not valid",
                string.Join("; ", result.Problems), result.Problems);
        }

        if (result.IsRefused)
        {
            return HttpResults.Refused(result, 409, "The post conflicts with another post (its source, slug or an address it names)");
        }

        request.HttpContext.Response.Headers.Location = result.Url;
        request.HttpContext.Response.Headers.ETag = result.ETag;
        return HttpResults.Ok(
            new
            {
                slug = result.Slug,
                status = result.Status.ToString().ToLowerInvariant(),
                postStatus = result.PostStatus?.ToString().ToLowerInvariant(),
                goesLiveAt = result.GoesLiveAt,
                path = result.PagePath,
                url = result.Url,
                pagesWritten = result.PagesWritten,
                warnings = result.Warnings.Select(w => w.ToString()).ToList(),
            },
            result.Status == PublishStatus.Created ? 201 : 200);
    }

    private static SavePrecondition PreconditionOf(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        return new SavePrecondition(ifMatch.Length == 0 ? null : ifMatch.Trim(), request.Headers.IfNoneMatch.ToString().Trim() == "*");
    }
}
