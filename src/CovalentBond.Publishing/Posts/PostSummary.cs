namespace CovalentBond.Publishing.Posts;

/// <summary>What a list of posts needs to know about one post: the index's view of it.</summary>
public sealed record PostSummary(string Slug, string Title, string? Subtitle, DateTimeOffset Date)
{
    public static PostSummary Of(Post post) => new(post.Slug, post.Title, post.Subtitle, post.Date);
}
