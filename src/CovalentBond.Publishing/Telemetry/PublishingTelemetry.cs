using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CovalentBond.Publishing.Telemetry;

/// <summary>
/// The traces and metrics the publishing backend emits itself, beside the Functions host's: one span per
/// publish, withdrawal, republish batch and verify, with what it wrote; counters of posts published and
/// pages written; durations. Any OpenTelemetry exporter reads them by <see cref="Name"/>.
/// </summary>
public static class PublishingTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CovalentBond.Publishing";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Posts = Meter.CreateCounter<long>("covalent.posts.published", "{post}", "Posts published, updated or withdrawn, by outcome.");

    private static readonly Counter<long> Pages = Meter.CreateCounter<long>("covalent.pages.written", "{file}", "Site files written or removed.");

    private static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>("covalent.publish.duration", "ms", "Time to publish one upload, from reading it to the last page.");

    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("covalent.republish.batch.duration", "ms", "Time to bring one republish batch's pages up to date.");

    private static readonly Counter<long> StorageRequests = Meter.CreateCounter<long>("covalent.storage.requests", "{request}", "Requests to the content storage account, by service and method.");

    /// <summary>Records one publish (or withdrawal) that finished: its outcome, the files it wrote, how long it took.</summary>
    public static void Published(Activity? activity, string operation, string outcome, string? slug, IReadOnlyList<string> pagesWritten, TimeSpan elapsed)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        Posts.Add(1, tags);
        Pages.Add(pagesWritten.Count, tags);
        PublishDuration.Record(elapsed.TotalMilliseconds, tags);
        activity?.SetTag("covalent.slug", slug);
        activity?.SetTag("covalent.outcome", outcome);
        activity?.SetTag("covalent.pages_written", pagesWritten.Count);

        // Which files, for "what did this publish write" (a publish writes 8 + 2 × tags at most).
        activity?.SetTag("covalent.pages", string.Join(' ', pagesWritten.Take(100)));
        TagRequests(activity);
    }

    /// <summary>Records one republish batch: its pages written and duration, and its failure if any.</summary>
    public static void BatchDone(Activity? activity, int pagesWritten, TimeSpan elapsed, Exception? failure)
    {
        var tags = new TagList { { "operation", "republish" }, { "outcome", failure is null ? "done" : "failed" } };
        Pages.Add(pagesWritten, tags);
        BatchDuration.Record(elapsed.TotalMilliseconds, tags);
        activity?.SetTag("covalent.pages_written", pagesWritten);
        TagRequests(activity);
        if (failure is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            activity?.SetTag("covalent.error", $"{failure.GetType().Name}: {failure.Message}");
        }
    }

    private const string RequestsProperty = "covalent.storage_requests";

    /// <summary>
    /// Counts one storage request (the storage adapters' pipeline policy calls it), in the metric and on
    /// the enclosing span of ours, which reports its total as <c>covalent.storage_requests</c>.
    /// </summary>
    public static void StorageRequest(string service, string method, int status)
    {
        StorageRequests.Add(1, new TagList { { "service", service }, { "method", method }, { "status", status } });
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (activity.Source == Source)
            {
                activity.SetCustomProperty(RequestsProperty, (activity.GetCustomProperty(RequestsProperty) as int? ?? 0) + 1);
                return;
            }
        }
    }

    /// <summary>Puts the storage requests counted under <paramref name="activity"/> on it as a tag.</summary>
    private static void TagRequests(Activity? activity) =>
        activity?.SetTag(RequestsProperty, activity.GetCustomProperty(RequestsProperty) as int? ?? 0);
}
