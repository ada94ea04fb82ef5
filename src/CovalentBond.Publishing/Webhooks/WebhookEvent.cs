using System.Text.Json;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Webhooks;

/// <summary>Something partners hear of: its type, its id (the same in every delivery and retry of it) and its JSON body.</summary>
public sealed record WebhookEvent(string Id, string Type, string Body)
{
    public const string Published = "post.published";
    public const string Updated = "post.updated";
    public const string Unpublished = "post.unpublished";
    public const string Deleted = "post.deleted";
    public const string Corrected = "post.corrected";
    public const string Republished = "site.republished";

    public static readonly IReadOnlyList<string> Types = [Published, Updated, Unpublished, Deleted, Corrected, Republished];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The events of one accepted change: at most one per post (a correction is told as one, not also as an update).</summary>
    public static IReadOnlyList<WebhookEvent> Of(PostChange change, SiteOptions site, DateTimeOffset now)
    {
        var events = new List<WebhookEvent>();
        foreach (var delta in change.Deltas)
        {
            var (old, @new) = (delta.Old, delta.New);
            var wasListed = old?.IsListed == true;
            var type = (wasListed, @new.IsListed) switch
            {
                (false, true) => Published,
                (true, false) => @new.Status == PostStatus.Deleted ? Deleted : Unpublished,
                (true, true) when !old!.Corrections.SequenceEqual(@new.Corrections) => Corrected,
                (true, true) when delta.RecordChanged && old!.ContentHash != @new.ContentHash => Updated,
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var post = @new.IsListed ? @new : old!;
            var body = JsonSerializer.Serialize(
                new
                {
                    id = $"{post.Slug}.{@new.Version}",
                    @event = type,
                    created = now,
                    post = new
                    {
                        slug = post.Slug,
                        url = site.NormalizedBaseUrl + site.ArticleUrl(post.Slug, post.Date).TrimStart('/'),
                        title = post.Title,
                        tags = post.Tags.Select(t => t.Name).ToArray(),
                        date = post.Date,
                        modified = post.Modified,
                        corrections = type == Corrected ? @new.Corrections.Select(c => new { date = c.Date, text = c.Text }).ToArray() : null,
                    },
                },
                Json);
            events.Add(new WebhookEvent($"{post.Slug}.{@new.Version}", type, body));
        }

        return events;
    }

    /// <summary>A republish of the whole site has finished.</summary>
    public static WebhookEvent SiteRepublished(RepublishStatus job, SiteOptions site, DateTimeOffset now) => new(
        "republish." + job.JobId,
        Republished,
        JsonSerializer.Serialize(
            new
            {
                id = "republish." + job.JobId,
                @event = Republished,
                created = now,
                site = new { url = site.NormalizedBaseUrl, job = job.JobId, reason = job.Reason, pages = job.Total, failed = job.Failed, written = job.Written },
            },
            Json));
}
