namespace CovalentBond.Publishing.Posts;

/// <summary>What lists, feeds and sitemaps need to know about one post: the index's view of it.</summary>
public sealed record PostSummary(string Slug, string Title, string? Subtitle, DateTimeOffset Date)
{
    public string? Author { get; init; }

    /// <summary>Last substantive change (front matter <c>lastmod</c>), else the date.</summary>
    public DateTimeOffset Modified { get; init; } = Date;

    public IReadOnlyList<Tag> Tags { get; init; } = [];

    /// <summary>The post's hero when it is one of the site's processed images: lists show its thumbnail, feeds its card.</summary>
    public Media.MediaImage? Hero { get; init; }

    public static PostSummary Of(Post post) => new(post.Slug, post.Title, post.Subtitle, post.Date)
    {
        Author = post.Author,
        Modified = post.Modified,
        Tags = post.Tags,
    };
}
