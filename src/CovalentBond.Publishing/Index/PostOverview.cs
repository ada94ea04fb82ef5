namespace CovalentBond.Publishing.Index;

/// <summary>
/// A post as tools list and show it (the CLI, <c>GET /api/posts</c>): what the index knows, with its
/// status as a lowercase word and its address.
/// </summary>
public sealed record PostOverview(
    string Slug,
    string Title,
    string Status,
    DateTimeOffset Date,
    DateTimeOffset? GoesLiveAt,
    DateTimeOffset? ExpiryDate,
    string? Author,
    IReadOnlyList<string> Tags,
    string Url,
    string Source,
    string ContentHash,
    string? MovedTo,
    long Version)
{
    /// <summary>Who created the post (its owner), when it was created after sign-in came.</summary>
    public Identity.Principal? CreatedBy { get; init; }

    /// <summary>Who made its last accepted change.</summary>
    public Identity.Principal? ChangedBy { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>An Editor's note from review, while the post is a draft again.</summary>
    public string? ReviewNote { get; init; }

    /// <summary>The entity tag to send back in <c>If-Match</c> with a change.</summary>
    public string? ETag { get; init; }

    public static PostOverview Of(PostRecord record, Pages.Permalink articles) => new(
        record.Slug,
        record.Title,
        PostStatusWords.Of(record.Status),
        record.Date,
        record.Status == PostStatus.Scheduled ? record.GoesLiveAt : null,
        record.ExpiryDate,
        record.Author,
        record.Tags.Select(t => t.Name).ToList(),
        articles.Url(record.Slug),
        record.SourceName,
        record.ContentHash,
        record.MovedTo,
        record.Version)
    {
        CreatedBy = record.CreatedBy,
        ChangedBy = record.ChangedBy,
        ChangedAt = record.ChangedAt,
        ETag = record.ETag,
        ReviewNote = record.ReviewNote,
    };
}
