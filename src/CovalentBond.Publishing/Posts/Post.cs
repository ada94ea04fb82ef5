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

    /// <summary>Front matter keys this version does not use; kept so nothing the author wrote is dropped.</summary>
    public IReadOnlyDictionary<string, string> OtherFields { get; init; } = new Dictionary<string, string>();
}
