using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// What the index knows, for authors' tools: <c>GET /api/posts[?status=scheduled]</c> (every post, newest
/// first, with its status), <c>GET /api/posts/{slug}</c> and <c>GET /api/posts/{slug}/source</c> (its Markdown as
/// stored, with the ETag a change sends back in <c>If-Match</c>: what the editor opens).
/// </summary>
public sealed class PostQueryFunctions(IPostIndex index, ISourceStore sources, SiteOptions site)
{
    [Function("ListPosts")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        PostStatus? status = null;
        if (request.Query["status"].ToString() is { Length: > 0 } wanted)
        {
            status = PostStatusWords.Parse(wanted);
            if (status is null)
            {
                return HttpResults.Problem(400, "Unknown status", $"'{wanted}' is not a status: {string.Join(", ", PostStatusWords.All)}.");
            }
        }

        return HttpResults.Ok(await PostListing.ListAsync(index, site.Articles, status, cancellationToken));
    }

    [Function("ShowPost")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var (record, missing) = await FindAsync(slug, cancellationToken);
        if (record is null)
        {
            return missing!;
        }

        request.HttpContext.Response.Headers.ETag = record.ETag;
        return HttpResults.Ok(PostOverview.Of(record, site.Articles));
    }

    [Function("ShowPostSource")]
    public async Task<IActionResult> SourceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "posts/{slug}/source")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var (record, missing) = await FindAsync(slug, cancellationToken);
        if (record is null)
        {
            return missing!;
        }

        if (await sources.ReadAsync(record.SourceName, cancellationToken) is not { } source)
        {
            return HttpResults.Problem(404, "The source is gone", $"The index names {record.SourceName} as the source of '{slug}', and it is not in the sources store.");
        }

        request.HttpContext.Response.Headers.ETag = record.ETag;
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ContentResult { StatusCode = 200, ContentType = "text/markdown; charset=utf-8", Content = System.Text.Encoding.UTF8.GetString(source) };
    }

    /// <summary>The post's index record, or the answer for a slug that is not one (400) or names no post (404).</summary>
    private async Task<(PostRecord? Record, ContentResult? Missing)> FindAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return (null, HttpResults.Problem(400, "The slug is not valid", $"'{slug}' is not a slug."));
        }

        return await index.GetAsync(slug, cancellationToken) is { } record
            ? (record, null)
            : (null, HttpResults.Problem(404, "No such post", $"There is no post '{slug}'."));
    }
}
