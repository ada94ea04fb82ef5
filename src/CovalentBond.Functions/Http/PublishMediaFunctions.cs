using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// <c>PUT /api/posts/{slug}/media/{file}</c> (an image beside a post; its Markdown names it <c>file</c>) and
/// <c>PUT /api/media/{path}</c> (site-wide; posts name it <c>/media/path</c>): the image as the request body.
/// The variants are made before anything is stored; a refused image is a 400 (413 when too large) and writes nothing.
/// A picture beside a post is its owner's (or an Editor's) to send; a site-wide picture that exists already only an
/// Editor replaces, since other authors' posts may show it.
/// </summary>
public sealed class PublishMediaFunctions(MediaPublisher publisher, IPostIndex index, IMediaIndex media, AuditRecorder audit)
{
    [Function("PublishPostMedia")]
    public Task<IActionResult> PostMediaAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "posts/{slug}/media/{file}")] HttpRequest request,
        string slug,
        string file,
        CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return Task.FromResult<IActionResult>(HttpResults.Problem(400, "The slug is not valid", $"'{slug}' is not a valid slug."));
        }

        return PublishAsync(request, file, $"{slug}/{file}", slug, cancellationToken);
    }

    [Function("PublishSiteMedia")]
    public Task<IActionResult> SiteMediaAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "media/{*path}")] HttpRequest request,
        string path,
        CancellationToken cancellationToken) =>
        PublishAsync(request, path, $"{StoredMediaCatalog.SiteWideFolder}/{path}", null, cancellationToken);

    private async Task<IActionResult> PublishAsync(HttpRequest request, string name, string key, string? slug, CancellationToken cancellationToken)
    {
        if (!IsSafePath(name))
        {
            return HttpResults.Problem(400, "The file name is not valid",
                $"'{name}' must be a path of letters, digits, '.', '-' and '_' segments ending in an image extension ({string.Join(", ", ImageSniffer.Extensions)}).");
        }

        var caller = request.Caller();
        if (await RefusalAsync(caller, key, slug, cancellationToken) is { } refusal)
        {
            await audit.RecordAsync(caller, "media", "forbidden", key, detail: refusal, cancellationToken: cancellationToken);
            return HttpResults.Problem(403, "Not your picture to change", refusal);
        }

        var limit = publisher.Options.MaxUploadBytes;
        var body = await UploadBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return HttpResults.Problem(413, "The image is too large", $"An image may be at most {limit:N0} bytes (Media:MaxUploadBytes).");
        }

        var result = await publisher.PublishAsync(key, body, cancellationToken: cancellationToken);
        if (result.IsRefused)
        {
            return HttpResults.Problem(400, "The image is not accepted", result.Problem!);
        }

        var image = result.Image!;
        await audit.RecordAsync(caller, "media", "stored", key, hashAfter: image.Hash, detail: $"{result.VariantsWritten} variants, {result.PostsUpdated.Count} posts updated", cancellationToken: cancellationToken);
        return HttpResults.Ok(
            new
            {
                key = image.Key,
                width = image.Width,
                height = image.Height,
                widths = image.Widths,
                formats = image.Modern.Append(image.Fallback).ToList(),
                credit = image.Credit.Credit,
                copyright = image.Credit.Copyright,
                variantsWritten = result.VariantsWritten,
                postsUpdated = result.PostsUpdated,
            },
            200);
    }

    private async Task<string?> RefusalAsync(Caller caller, string key, string? slug, CancellationToken cancellationToken)
    {
        if (slug is not null)
        {
            return PostAccess.RefusesChangeOf(caller, await index.GetAsync(slug, cancellationToken));
        }

        return !caller.Has(Role.Editor) && (await media.GetManyAsync([key], cancellationToken)).Count > 0
            ? $"/{key} exists and other posts may show it; only an Editor replaces it (send it under a new name)"
            : null;
    }

    /// <summary>Plain path segments (no '..', no hidden files, no backslashes) and an image extension: the same check as the blob trigger's.</summary>
    internal static bool IsSafePath(string path) => ImageSniffer.IsSafeImagePath(path);
}
