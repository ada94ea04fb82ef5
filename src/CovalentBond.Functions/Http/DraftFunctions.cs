using System.Text;
using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// The caller's private draft of a post, the editor's autosave of edits that a save would publish:
/// <c>PUT /api/drafts/{slug}</c> (the Markdown; <c>X-Base-ETag</c> names the version it was written on),
/// <c>GET /api/drafts/{slug}</c> (204 when there is none) and <c>DELETE /api/drafts/{slug}</c> (204). Each person reads and writes their own drafts
/// only (the store is keyed by their object id); nothing here publishes, claims or renders anything, so drafts are
/// not in the audit trail (the save that publishes one is).
/// </summary>
public sealed class DraftFunctions(IDraftStore drafts, SiteOptions site, TimeProvider clock)
{
    /// <summary>The longest base ETag kept (an ETag is some 20 characters).</summary>
    public const int MaxBaseLength = 200;

    [Function("SaveDraft")]
    public async Task<IActionResult> SaveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "drafts/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (Refused(slug) is { } refused)
        {
            return refused;
        }

        var baseETag = request.Headers["X-Base-ETag"].ToString();
        if (baseETag.Length > MaxBaseLength || baseETag.Any(char.IsControl))
        {
            return HttpResults.Problem(400, "The base ETag is not one", $"X-Base-ETag names the version the draft was written on: at most {MaxBaseLength} characters, no control characters.");
        }

        var body = await UploadBody.ReadAsync(request, site.MaxPostBytes, cancellationToken);
        if (body is null)
        {
            return HttpResults.Problem(413, "The draft is too large", $"A post may be at most {site.MaxPostBytes:N0} bytes.");
        }

        if (!IsUtf8(body))
        {
            return HttpResults.Problem(400, "The draft is not text", "A draft is Markdown in UTF-8.");
        }

        var draft = new PostDraft(request.Caller().Id, slug, baseETag, clock.GetUtcNow(), body.Length);
        await drafts.SaveAsync(draft, body, cancellationToken);
        return HttpResults.Ok(new { slug, savedAt = draft.SavedAt, baseETag, length = body.Length });
    }

    [Function("ShowDraft")]
    public async Task<IActionResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "drafts/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (Refused(slug) is { } refused)
        {
            return refused;
        }

        // No draft is the usual answer (the editor asks on opening every post): 204, not an error.
        if (await drafts.ReadAsync(request.Caller().Id, slug, cancellationToken) is not { } found)
        {
            return new ContentResult { StatusCode = 204 };
        }

        return HttpResults.Ok(new { slug, savedAt = found.Draft.SavedAt, baseETag = found.Draft.BaseETag, text = Encoding.UTF8.GetString(found.Content) });
    }

    [Function("DeleteDraft")]
    public async Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "drafts/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (Refused(slug) is { } refused)
        {
            return refused;
        }

        // Dropping a draft that is not there leaves what was asked for: 204 either way.
        await drafts.DeleteAsync(request.Caller().Id, slug, cancellationToken);
        return new ContentResult { StatusCode = 204 };
    }

    private static ContentResult? Refused(string slug) =>
        Slug.IsValid(slug) ? null : HttpResults.Problem(400, "The slug is not valid", $"'{slug}' may use only lowercase a-z, digits and single dashes, at most {Slug.MaxLength} characters.");

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
