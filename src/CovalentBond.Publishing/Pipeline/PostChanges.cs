using System.Diagnostics;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Telemetry;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// What every use case that changes a post shares (publish, withdraw, restore): rendering a post with the site images
/// it shows, and once its record is saved, bringing the pages of its publish plan up to date, setting the alarm of its
/// next change, purging from the CDN what must not wait for its lifetime, and answering with what was done; each run in a span of its own.
/// </summary>
public sealed partial class PostChanges(
    PostPreparer preparer,
    PageRenderer renderer,
    SiteUpdater updater,
    IScheduleAlarms schedule,
    IMediaIndex media,
    PostHistory history,
    IEnumerable<IPostChangeListener> listeners,
    TimeProvider clock,
    ILogger<PostChanges> logger)
{
    /// <summary>
    /// The post rendered with the site images it shows that are processed, and their hash for its record. A post
    /// without site images (and that had none) costs no request; one with images costs the uses' bookkeeping, one
    /// read per image and a second render.
    /// </summary>
    internal async Task<(PreparedPost Prepared, string? MediaHash)> WithMediaAsync(
        PreparedPost prepared, ReadOnlyMemory<byte> content, string? fileName, string? slug, PostRecord? existing, CancellationToken cancellationToken)
    {
        var keys = StoredMediaCatalog.KeysOf(prepared);
        if (keys.Count == 0 && existing?.MediaHash is null)
        {
            return (prepared, null);
        }

        await media.SetUsesAsync(prepared.Post.Slug, keys, cancellationToken);
        var images = keys.Count == 0 ? new Dictionary<string, MediaImage>() : await media.GetManyAsync(keys, cancellationToken);
        if (images.Count == 0)
        {
            return (prepared, null);
        }

        var again = preparer.Prepare(content.Span, fileName, slug ?? prepared.Post.Slug, new StoredMediaCatalog(images)).Prepared;
        return again is null ? (prepared, null) : (again, StoredMediaCatalog.HashOf(keys, images));
    }

    /// <summary>Runs one operation in a span of its own and records its outcome, the files it wrote and its duration.</summary>
    internal static async Task<PublishResult?> TracedAsync(string operation, string? subject, Func<Task<PublishResult?>> work)
    {
        using var activity = PublishingTelemetry.Source.StartActivity(operation);
        activity?.SetTag("covalent.subject", subject);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await work();
            PublishingTelemetry.Published(
                activity, operation, result?.Status.ToString().ToLowerInvariant() ?? "unknown-post", result?.Slug ?? subject, result?.PagesWritten ?? [], Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            PublishingTelemetry.Published(activity, operation, "error", subject, [], Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>The audit trail and the revisions.</summary>
    internal PostHistory History => history;

    /// <summary>The time now, as every use case stamps its changes.</summary>
    internal DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A change the caller may not make, in the audit trail: nothing was written.</summary>
    internal Task RecordRefusedAsync(Caller caller, string action, string slug, string reason, CancellationToken cancellationToken) =>
        history.Audit.RecordAsync(caller, action, "forbidden", slug, detail: reason, cancellationToken: cancellationToken);

    /// <summary>
    /// Brings up to date the pages the saved records' changes touch, sets the next alarm, records the change in the audit
    /// trail (by <paramref name="caller"/>, from the source <paramref name="hashBefore"/>), and answers.
    /// </summary>
    internal async Task<PublishResult> FinishAsync(
        List<IndexDelta> deltas, PreparedPost? post, Caller caller, string action, string? hashBefore, CancellationToken cancellationToken)
    {
        var final = deltas.Select(d => d.New).FirstOrDefault(r => r.Status != PostStatus.Moved) ?? deltas[^1].New;
        var plan = deltas.SelectMany(d => PublishPlan.For(d.Old, d.New, renderer.Site)).Distinct().ToList();
        var written = await updater.UpdateAsync(plan, post, cancellationToken);
        LogPublished(logger, final.Slug, final.Status, written.Count);
        foreach (var listener in listeners)
        {
            await listener.ChangedAsync(new PostChange(deltas, written), cancellationToken);
        }

        await ScheduleAsync(final, cancellationToken);
        var status = deltas[0].Old is null ? PublishStatus.Created : deltas.Any(d => d.RecordChanged) ? PublishStatus.Updated : PublishStatus.Unchanged;
        if (status != PublishStatus.Unchanged)
        {
            await history.Audit.RecordAsync(
                caller, action, status.ToString().ToLowerInvariant(), final.Slug, hashBefore, final.ContentHash,
                $"now {final.Status.ToString().ToLowerInvariant()}; {written.Count} files written", cancellationToken);
        }

        return new PublishResult
        {
            Status = status,
            PostStatus = final.Status,
            GoesLiveAt = final.Status == PostStatus.Scheduled ? final.GoesLiveAt : null,
            Slug = final.Slug,
            ETag = final.ETag,
            PagePath = renderer.Site.ArticleFile(final.Slug, final.Date),
            Url = renderer.Site.ArticleUrl(final.Slug, final.Date),
            PagesWritten = written,
            Warnings = post?.Warnings ?? [],
        };
    }

    private async Task ScheduleAsync(PostRecord record, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (record.NextChangeAt is not { } at || at <= now)
        {
            return;
        }

        try
        {
            await schedule.SetAsync(new ScheduledChange(record.Slug, at), now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The post is saved and its change is in the index's due list: the timer sweep applies it.
            LogScheduleFailed(logger, ex, record.Slug, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue the scheduled change of {Slug} at {At}; the timer sweep will apply it")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string slug, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Slug} ({Status}); {Written} files written or removed")]
    private static partial void LogPublished(ILogger logger, string slug, PostStatus status, int written);
}
