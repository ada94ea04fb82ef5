using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// <c>PUT /api/posts/{slug}/media/{file}</c> (an image beside a post; its Markdown names it <c>file</c>) and
/// <c>PUT /api/media/{path}</c> (site-wide; posts name it <c>/media/path</c>): the image as the request body.
/// The variants are made before anything is stored; a refused image is a 400 (413 when too large) and writes nothing.
/// </summary>
public sealed class PublishMediaFunctions(MediaPublisher publisher)
{
    [Function("PublishPostMedia")]
    public Task<IActionResult> PostMediaAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "posts/{slug}/media/{file}")] HttpRequest request,
        string slug,
        string file,
        CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return Task.FromResult<IActionResult>(HttpResults.Problem(400, "The slug is not valid", $"'{slug}' is not a valid slug."));
        }

        return PublishAsync(request, file, $"{slug}/{file}", cancellationToken);
    }

    [Function("PublishSiteMedia")]
    public Task<IActionResult> SiteMediaAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "media/{*path}")] HttpRequest request,
        string path,
        CancellationToken cancellationToken) =>
        PublishAsync(request, path, $"{StoredMediaCatalog.SiteWideFolder}/{path}", cancellationToken);

    private async Task<IActionResult> PublishAsync(HttpRequest request, string name, string key, CancellationToken cancellationToken)
    {
        if (!IsSafePath(name))
        {
            return HttpResults.Problem(400, "The file name is not valid",
                $"'{name}' must be a path of letters, digits, '.', '-' and '_' segments ending in an image extension ({string.Join(", ", ImageSniffer.Extensions)}).");
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

    /// <summary>Plain path segments (no '..', no hidden files, no backslashes) and an image extension: the same check as the blob trigger's.</summary>
    internal static bool IsSafePath(string path) => ImageSniffer.IsSafeImagePath(path);
}
