namespace CovalentBond.Storage.Hosting;

/// <summary>Names of the containers and table the system uses in the content storage account.</summary>
/// <remarks>Bound from the <c>Storage</c> section. The account itself is the <c>ContentStorage</c> connection.</remarks>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection name shared with the blob trigger: a connection string, or a section with service URIs.</summary>
    public const string ConnectionName = "ContentStorage";

    /// <summary>
    /// The static website's own storage account: a connection string, or a section with <c>blobServiceUri</c>
    /// (and optionally <c>clientId</c>). Not set: the site's container is in the content account.
    /// </summary>
    public const string SiteConnectionName = "SiteStorage";

    /// <summary>Authors' Markdown sources. The blob trigger watches this container.</summary>
    public string SourceContainer { get; set; } = "posts";

    /// <summary>The static website's container, in the site's account (<see cref="SiteConnectionName"/>) or the content account.</summary>
    public string SiteContainer { get; set; } = "$web";

    /// <summary>A site owner's theme files, laid over the default theme by name. May be absent.</summary>
    public string ThemeContainer { get; set; } = "theme";

    /// <summary>Empty blobs whose leases serialize index updates of one post across instances.</summary>
    public string LockContainer { get; set; } = "publish-locks";

    /// <summary>
    /// The audit trail: one append blob of JSON lines per day. On Azure its immutability policy lets the app add to
    /// the blobs and change or delete nothing (infra/main.bicep, docs/security.md).
    /// </summary>
    public string AuditContainer { get; set; } = "audit";

    /// <summary>Every accepted version of every post's source (<c>{slug}/{id}.md</c>), for history, diff and restore.</summary>
    public string RevisionContainer { get; set; } = "revisions";

    /// <summary>The editor's private drafts (<c>{owner}/{slug}.md</c>): never published, read by their writer alone.</summary>
    public string DraftContainer { get; set; } = "drafts";

    /// <summary>The queue the Functions app's schedule trigger listens on (an attribute needs a constant).</summary>
    public const string DefaultScheduleQueue = "post-schedule";

    /// <summary>
    /// Messages that wake the publisher when a scheduled post goes live or a post expires. Only tools
    /// and tests change it; the Functions app always listens on <see cref="DefaultScheduleQueue"/>.
    /// </summary>
    public string ScheduleQueue { get; set; } = DefaultScheduleQueue;

    /// <summary>The queue the Functions app's republish trigger listens on; its poison queue is <c>republish-poison</c>.</summary>
    public const string DefaultRepublishQueue = "republish";

    /// <summary>Batches of a full republish. Only tools and tests change it (see <see cref="ScheduleQueue"/>).</summary>
    public string RepublishQueue { get; set; } = DefaultRepublishQueue;

    /// <summary>The queue the Functions app's webhook trigger listens on.</summary>
    public const string DefaultWebhookQueue = "webhooks";

    /// <summary>Webhook deliveries waiting to be sent or retried. Only tools and tests change it (see <see cref="ScheduleQueue"/>).</summary>
    public string WebhookQueue { get; set; } = DefaultWebhookQueue;

    /// <summary>Republish jobs and their batches' progress.</summary>
    public string JobsTable { get; set; } = "RepublishJobs";

    /// <summary>The table holding the post index.</summary>
    public string IndexTable { get; set; } = "PostIndex";
}
