namespace CovalentBond.Publishing.Posts;

/// <summary>A validated post: its front matter and its Markdown body, ready to render.</summary>
public sealed record Post
{
    public required string Slug { get; init; }

    public required string Title { get; init; }

    /// <summary>The publication date, with the offset it was written in (or the site's time zone).</summary>
    public required DateTimeOffset Date { get; init; }

    public string? Author { get; init; }

    /// <summary>The lede shown under the title and in lists (front matter <c>subtitle</c>, <c>description</c> or <c>summary</c>).</summary>
    public string? Subtitle { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];

    /// <summary>The Markdown body after the front matter.</summary>
    public required string Body { get; init; }

    /// <summary>The line of the source file the body starts on, for messages about it.</summary>
    public int BodyLine { get; init; } = 1;

    /// <summary>A draft is never shown on the site.</summary>
    public bool Draft { get; init; }

    /// <summary>When the post goes live; in the future it is scheduled. Null means "at <see cref="Date"/>, or now".</summary>
    public DateTimeOffset? PublishDate { get; init; }

    /// <summary>When the post is taken down again, or null.</summary>
    public DateTimeOffset? ExpiryDate { get; init; }

    /// <summary>When the post was last substantively changed (front matter <c>lastmod</c>), or null.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The cover image: an absolute http(s) URL, a path on the site, or an image file beside the post (processed into variants).</summary>
    public string? Image { get; init; }

    /// <summary>The cover image's text alternative; required when there is an image.</summary>
    public string? ImageAlt { get; init; }

    /// <summary>The caption shown under the cover image (front matter <c>imageCaption</c>), or null.</summary>
    public string? ImageCaption { get; init; }

    /// <summary>Old paths (<c>/old/path/</c>) that redirect to this post.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Corrections (front matter <c>corrections</c>), oldest first: shown on the article and on <c>/corrections/</c>.</summary>
    public IReadOnlyList<PostNote> Corrections { get; init; } = [];

    /// <summary>Update notes (front matter <c>updated</c> as a list), oldest first: shown on the article.</summary>
    public IReadOnlyList<PostNote> Updates { get; init; } = [];

    /// <summary>
    /// The date readers see as "updated": the latest of <see cref="LastModified"/>, the last correction and the last update
    /// note; else <see cref="Date"/>.
    /// </summary>
    public DateTimeOffset Modified => Latest(Latest(LastModified ?? Date, Corrections), Updates);

    private static DateTimeOffset Latest(DateTimeOffset date, IReadOnlyList<PostNote> notes) =>
        notes.Count > 0 && notes[^1].Date > date ? notes[^1].Date : date;

    /// <summary>When the post appears: <see cref="PublishDate"/>, else <see cref="Date"/> (as Hugo does).</summary>
    public DateTimeOffset GoesLiveAt => PublishDate ?? Date;

    /// <summary>Whether the post is on the site at <paramref name="now"/>.</summary>
    public PostVisibility VisibilityAt(DateTimeOffset now) =>
        Draft ? PostVisibility.Draft
        : GoesLiveAt > now ? PostVisibility.Scheduled
        : ExpiryDate is { } expiry && expiry <= now ? PostVisibility.Expired
        : PostVisibility.Published;

    /// <summary>Front matter keys this version does not use; kept so nothing the author wrote is dropped.</summary>
    public IReadOnlyDictionary<string, string> OtherFields { get; init; } = new Dictionary<string, string>();
}

/// <summary>Whether a post is on the site at a given time.</summary>
public enum PostVisibility
{
    Published,
    Draft,
    Scheduled,
    Expired,
}
