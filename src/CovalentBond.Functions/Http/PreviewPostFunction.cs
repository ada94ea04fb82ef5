using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Preview;
using CovalentBond.Publishing.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CovalentBond.Functions.Http;

/// <summary>
/// <c>POST /api/preview[?slug=…]</c>: the article page a Markdown post would publish as, rendered by the production
/// reader, renderer and theme, with its problems and warnings by line; nothing is written. For the editor's live preview.
/// A post that would be refused answers 200 with <c>valid: false</c> and its problems (the editor shows them at their
/// lines while the author types); a body too large answers 413.
/// </summary>
public sealed class PreviewPostFunction(PostPreviewer previewer, SiteOptions site)
{
    [Function("PreviewPost")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var slug = request.Query["slug"].ToString();
        if (slug.Length > 0 && !Slug.IsValid(slug))
        {
            return HttpResults.Problem(400, "The slug is not valid", $"'{slug}' may use only lowercase a-z, digits and single dashes, at most {Slug.MaxLength} characters.");
        }

        var body = await UploadBody.ReadAsync(request, site.MaxPostBytes, cancellationToken);
        if (body is null)
        {
            return HttpResults.Problem(413, "The post is too large", $"A post may be at most {site.MaxPostBytes:N0} bytes.");
        }

        var preview = await previewer.PreviewAsync(body, slug.Length == 0 ? null : slug, request.Caller(), cancellationToken);
        return HttpResults.Ok(new
        {
            valid = preview.IsValid,
            url = preview.Url,
            html = preview.Html,
            problems = preview.Problems.Select(Line).ToList(),
            warnings = preview.Warnings.Select(Line).ToList(),
        });
    }

    private static object Line(PostProblem problem) => new { line = problem.Line, field = problem.Field, message = problem.Message, text = problem.ToString() };
}
