using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The review of a Contributor's draft: its owner (or an Editor) submits it, an Editor returns it with a note or approves
/// it. Approving takes the <c>draft</c> flag out of its front matter and publishes it (or schedules it, if its date is
/// ahead) as a new revision by the Editor, through the publish path.
/// </summary>
public sealed partial class PostReview(IPostIndex index, ISourceStore sources, PostPublisher publisher, PostChanges changes)
{
    public Task<PublishResult?> SubmitAsync(string slug, Caller caller, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("submit", slug, async () =>
        {
            if (await index.GetAsync(slug, cancellationToken) is not { } record)
            {
                return null;
            }

            if (PostAccess.RefusesChangeOf(caller, record) is { } refusal)
            {
                await changes.RecordRefusedAsync(caller, "submit", slug, refusal, cancellationToken);
                return PublishResult.Forbidden(slug, refusal);
            }

            if (record.Status != PostStatus.Draft)
            {
                return PublishResult.Refused(PublishStatus.Conflict, slug, $"only a draft can be submitted for review; '{slug}' is {Word(record.Status)}");
            }

            var delta = await index.SaveAsync(record with { Status = PostStatus.InReview, ReviewNote = null, ChangedBy = Principal.Of(caller), ChangedAt = changes.Now }, cancellationToken);
            return await changes.FinishAsync([delta], null, caller, "submit", record.ContentHash, cancellationToken);
        });

    /// <summary>Sends a post in review back to its author as a draft, with the Editor's note.</summary>
    public Task<PublishResult?> ReturnAsync(string slug, string note, Caller caller, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("return", slug, async () =>
        {
            if (await ReviewableAsync(slug, caller, "return", cancellationToken) is not { } found)
            {
                return null;
            }

            if (found.Refused is { } refused)
            {
                return refused;
            }

            var record = found.Record!;
            var delta = await index.SaveAsync(record with { Status = PostStatus.Draft, ReviewNote = note, ChangedBy = Principal.Of(caller), ChangedAt = changes.Now }, cancellationToken);
            return await changes.FinishAsync([delta], null, caller, "return", record.ContentHash, cancellationToken);
        });

    /// <summary>
    /// Publishes a post in review: its source without the draft flag, by the Editor; with <paramref name="at"/>, its
    /// <c>date</c> set to that time first, so that it is scheduled (a time ahead) in the same revision.
    /// </summary>
    public Task<PublishResult?> ApproveAsync(string slug, Caller caller, DateTimeOffset? at = null, CancellationToken cancellationToken = default) =>
        PostChanges.TracedAsync("approve", slug, async () =>
        {
            if (await ReviewableAsync(slug, caller, "approve", cancellationToken) is not { } found)
            {
                return null;
            }

            if (found.Refused is { } refused)
            {
                return refused;
            }

            var record = found.Record!;
            if (await sources.ReadAsync(record.SourceName, cancellationToken) is not { } source)
            {
                return PublishResult.Invalid([new PostProblem(null, null, $"its source {record.SourceName} is gone")]);
            }

            var text = Encoding.UTF8.GetString(source);
            var approved = WithoutDraftFlag(text);
            if (approved == text)
            {
                return PublishResult.Invalid([new PostProblem(null, "draft", "no 'draft: true' line to take out of its front matter; publish it by saving it without the draft flag")]);
            }
            if (at is { } when)
            {
                if (FrontMatterDate.With(approved, when) is not { } dated)
                {
                    return PublishResult.Invalid([new PostProblem(null, "date", "its front matter is not YAML, TOML or JSON between delimiters, so its date cannot be set; edit the date and approve again")]);
                }

                approved = dated;
            }

            var upload = PostUpload.FromHttp(Encoding.UTF8.GetBytes(approved), slug, caller) with { Action = "approve" };
            return await publisher.PublishAsync(upload, cancellationToken);
        });

    /// <summary>The front matter's <c>draft: true</c> (YAML), <c>draft = true</c> (TOML) or <c>"draft": true</c> (JSON) line taken out.</summary>
    public static string WithoutDraftFlag(string source) => DraftLine().Replace(source, "", 1);

    private async Task<(PostRecord? Record, PublishResult? Refused)?> ReviewableAsync(string slug, Caller caller, string action, CancellationToken cancellationToken)
    {
        if (await index.GetAsync(slug, cancellationToken) is not { } record)
        {
            return null;
        }

        if (!caller.Has(Role.Editor))
        {
            var refusal = $"{caller.Name} may not {action} reviews: that takes the role Editor";
            await changes.RecordRefusedAsync(caller, action, slug, refusal, cancellationToken);
            return (null, PublishResult.Forbidden(slug, refusal));
        }

        return record.Status == PostStatus.InReview
            ? (record, null)
            : (null, PublishResult.Refused(PublishStatus.Conflict, slug, $"'{slug}' is not in review; it is {Word(record.Status)}"));
    }

    private static string Word(PostStatus status) => PostStatusWords.Of(status);

    [GeneratedRegex(@"^[ \t]*(?:""draft""[ \t]*:[ \t]*true[ \t]*,?|draft[ \t]*[:=][ \t]*(?:true|yes|on)[ \t]*)\r?\n", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DraftLine();
}
