using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The publish use case every host calls: validate an upload, store its source, record it in the index,
/// and bring up to date the pages that show it — only those. Safe to run twice for the same upload: the
/// second run writes nothing. Withdrawing, restoring and republishing a stored post are use cases of their own
/// (<see cref="PostWithdrawal"/>, <see cref="PostRestorer"/>, <see cref="StoredPostRepublisher"/>).
/// </summary>
public sealed partial class PostPublisher(
    PostPreparer preparer,
    ISourceStore sources,
    ISourceCache sourceCopies,
    IPostIndex index,
    Ownership.AliasOwnership aliases,
    PostChanges changes,
    TimeProvider clock,
    ILogger<PostPublisher> logger)
{
    public async Task<PublishResult> PublishAsync(PostUpload upload, CancellationToken cancellationToken = default) =>
        (await PostChanges.TracedAsync("publish", upload.FileName ?? upload.RequestedSlug, () => PublishUploadAsync(upload, cancellationToken)))!;

    private async Task<PublishResult?> PublishUploadAsync(PostUpload upload, CancellationToken cancellationToken)
    {
        // Decide before writing: read, check and render in memory. A refused upload writes nothing.
        var preparation = preparer.Prepare(upload.Content.Span, upload.FileName, upload.RequestedSlug, StoredMediaCatalog.Empty);
        if (!preparation.IsValid)
        {
            LogRefused(logger, upload.FileName ?? upload.RequestedSlug, string.Join("; ", preparation.Problems));
            return PublishResult.Invalid(preparation.Problems);
        }

        var prepared = preparation.Prepared!;
        var post = prepared.Post;
        var hash = ContentHash.Of(upload.Content.Span);

        // A source belongs to one post: find the name this upload is stored under, and refuse one that
        // would take another post's source or slug.
        var existing = await index.GetAsync(post.Slug, cancellationToken);
        var status = PostRecord.Of(post, "", hash, clock.GetUtcNow()).Status;
        if (PostAccess.RefusesSave(upload.By, post.Slug, existing, status) is { } refusal)
        {
            await changes.RecordRefusedAsync(upload.By, "publish", post.Slug, refusal, cancellationToken);
            return PublishResult.Forbidden(post.Slug, refusal);
        }

        var owner = existing is { Status: not PostStatus.Moved } ? existing.CreatedBy : Principal.Of(upload.By);
        if (PostAccess.RefusesByline(upload.By, post.Author, owner, preparer.Profiles) is { } byline)
        {
            await changes.RecordRefusedAsync(upload.By, "publish", post.Slug, byline, cancellationToken);
            return PublishResult.Forbidden(post.Slug, byline);
        }

        if (upload.Precondition?.RefusalFor(existing) is { } stale)
        {
            return PublishResult.Refused(stale.Status, post.Slug, stale.Reason);
        }

        var sourceName = SourceNameOf(upload, post, existing);
        if (await OwnershipConflictAsync(upload, post, sourceName, existing, cancellationToken) is { } conflict)
        {
            LogConflict(logger, sourceName, conflict.Message);
            return PublishResult.Conflict(conflict);
        }

        // The images it shows: its uses are recorded first, so an image arriving from now on finds this post;
        // then the body is rendered again with the images already processed.
        string? mediaHash;
        (prepared, mediaHash) = await changes.WithMediaAsync(prepared, upload.Content, upload.FileName, upload.RequestedSlug, existing, cancellationToken);
        prepared = prepared with { Post = OwnerByline.Credit(prepared.Post, owner, preparer.Profiles) };
        post = prepared.Post;

        // The source is the source of truth: it is stored before anything derived from it. It carries the
        // slug it publishes under, so the blob trigger that fires for this very write publishes the same post.
        if (upload.Precondition is not null && !upload.SourceAlreadyStored)
        {
            // Checked again by the store in the same request as the write: of two saves from the same version, one wins.
            var expected = existing is { Status: not PostStatus.Moved } current && current.SourceName == sourceName ? current.ContentHash : null;
            if (await sources.SaveIfAsync(sourceName, upload.Content, hash, post.Slug, expected, cancellationToken) is null)
            {
                var now = await index.GetAsync(post.Slug, cancellationToken);
                return PublishResult.Refused(PublishStatus.PreconditionFailed, post.Slug,
                    $"'{post.Slug}' changed while you saved: {(now is null ? "by someone else" : SavePrecondition.Since(now))}; nothing of yours was written");
            }
        }
        else if (!upload.SourceAlreadyStored)
        {
            await sources.SaveAsync(sourceName, upload.Content, hash, post.Slug, cancellationToken);
        }

        var record = PostRecord.Of(post, sourceName, hash, clock.GetUtcNow()) with
        {
            MediaHash = mediaHash,
            Hero = prepared.Hero,
            CreatedBy = owner,
            ChangedBy = Principal.Of(upload.By),
            ChangedAt = clock.GetUtcNow(),
        };

        // A post an author unpublished or deleted stays so when the same bytes arrive again (a late or
        // repeated delivery); new content, or an explicit restore, brings it back.
        if (existing is { Status: PostStatus.Unpublished or PostStatus.Deleted } withdrawn && withdrawn.ContentHash == hash)
        {
            record = record with { Status = withdrawn.Status };
        }

        // A draft in review stays in review while it is edited (its author answering the Editor's note), as in WordPress.
        if (existing is { Status: PostStatus.InReview } && record.Status == PostStatus.Draft)
        {
            record = record with { Status = PostStatus.InReview };
        }

        record = record with { ReviewNote = record.Status is PostStatus.Draft or PostStatus.InReview ? existing?.ReviewNote : null };

        // Who changed the post is who changed what its ETag covers (source and status): a picture arriving or a scheduled
        // re-render under the app keeps the person who made the last change, so a stale save's 412 names them.
        if (existing is { Status: not PostStatus.Moved } same && same.ContentHash == hash && same.Status == record.Status)
        {
            record = record with { ChangedBy = same.ChangedBy, ChangedAt = same.ChangedAt };
        }

        // The same source published under a new slug (its front matter slug changed): the post moved.
        var previousSlug = await index.SlugOfSourceAsync(sourceName, cancellationToken);

        // A copy beside the index, for the full republish (written before the record that names its hash), and the
        // post's history: every accepted version of its source is a revision.
        if (existing?.ContentHash != hash)
        {
            await changes.History.KeepRevisionAsync(post.Slug, upload.Content, hash, upload.By, upload.Action, cancellationToken);
            await sourceCopies.PutAsync(post.Slug, hash, upload.Content, cancellationToken);
        }

        var delta = await index.SaveAsync(record, cancellationToken);
        var deltas = new List<IndexDelta> { delta };
        if (previousSlug is not null && previousSlug != post.Slug
            && await index.GetAsync(previousSlug, cancellationToken) is { } moved && moved.SourceName == sourceName && moved.Status != PostStatus.Moved)
        {
            deltas.Add(await index.SaveAsync(moved with { Status = PostStatus.Moved, MovedTo = post.Slug }, cancellationToken));
        }

        // Concurrent uploads of one post may store their sources and save their records in different
        // orders. The stored source is the truth: if it changed under us, index what it holds now.
        for (var attempt = 0; attempt < 5 && await sources.HashAsync(sourceName, cancellationToken) is { } stored && stored != delta.New.ContentHash; attempt++)
        {
            var content = await sources.ReadAsync(sourceName, cancellationToken);
            var reread = content is null ? null : preparer.Prepare(content, upload.SourceAlreadyStored ? sourceName : upload.FileName, post.Slug, StoredMediaCatalog.Empty).Prepared;
            if (content is null || reread is null || reread.Post.Slug != post.Slug)
            {
                break;
            }

            (prepared, mediaHash) = await changes.WithMediaAsync(reread, content, upload.SourceAlreadyStored ? sourceName : upload.FileName, post.Slug, delta.New, cancellationToken);
            prepared = prepared with { Post = OwnerByline.Credit(prepared.Post, delta.New.CreatedBy, preparer.Profiles) };
            var contentHash = ContentHash.Of(content);
            await sourceCopies.PutAsync(post.Slug, contentHash, content, cancellationToken);
            delta = await index.SaveAsync(
                PostRecord.Of(prepared.Post, sourceName, contentHash, clock.GetUtcNow()) with
                {
                    MediaHash = mediaHash,
                    Hero = prepared.Hero,
                    CreatedBy = delta.New.CreatedBy,
                    ChangedBy = delta.New.ChangedBy,
                    ChangedAt = delta.New.ChangedAt,
                },
                cancellationToken);
            deltas.Add(delta);
        }

        return await changes.FinishAsync(deltas, prepared, upload.By, upload.Action, existing?.ContentHash, cancellationToken);
    }

    /// <summary>
    /// Where an upload's source is kept. A dropped blob is its own source; a file from the CLI keeps its
    /// (bundle-aware) name, as if it had been dropped; over HTTP the post's existing source is updated,
    /// and a new post is stored as <c>{slug}.md</c>.
    /// </summary>
    private static string SourceNameOf(PostUpload upload, Post post, PostRecord? existing) =>
        upload.SourceAlreadyStored ? upload.FileName!
        : upload.RequestedSlug is null && upload.FileName is { } fileName ? PostUpload.SourceNameFor(fileName)
        : existing is { Status: not PostStatus.Moved } own ? own.SourceName
        : post.Slug + ".md";

    /// <summary>The problem when an upload would overwrite another post's source or take another source's slug; null when it may go ahead.</summary>
    private async Task<PostProblem?> OwnershipConflictAsync(PostUpload upload, Post post, string sourceName, PostRecord? existing, CancellationToken cancellationToken)
    {
        // The slug is another source's post (and that source is still there): only that source may change it.
        if (existing is { Status: not PostStatus.Moved } other && other.SourceName != sourceName
            && await sources.HashAsync(other.SourceName, cancellationToken) is not null)
        {
            return new PostProblem(null, "slug",
                $"'{post.Slug}' is the post of the source {other.SourceName}; {sourceName} cannot publish under it (give it another slug, or change {other.SourceName})");
        }

        // Over HTTP the address names the post: its stored name must not be another post's source. (A file
        // that changes its own front matter slug moves its post: that is a rename, not a conflict.)
        if (upload.RequestedSlug is not null && !upload.SourceAlreadyStored
            && await index.SlugOfSourceAsync(sourceName, cancellationToken) is { } owner && owner != post.Slug
            && await index.GetAsync(owner, cancellationToken) is { Status: not PostStatus.Moved } owned && owned.SourceName == sourceName)
        {
            return new PostProblem(null, "slug",
                $"the source {sourceName} belongs to the post '{owner}'; publish '{post.Slug}' under another slug, or rename {sourceName}");
        }

        // Every address has one owner: an alias may name neither another post's article nor another post's alias. Last,
        // since claiming writes: a claim left by a refusal is one its post does not list, which any post may take.
        return await aliases.ClaimAsync(post, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Name}: {Problem}")]
    private static partial void LogConflict(ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused post {Name}: {Problems}")]
    private static partial void LogRefused(ILogger logger, string? name, string problems);
}
