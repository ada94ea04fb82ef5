using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Feeds;

/// <summary>What a feed is about: the whole site, or one tag.</summary>
/// <param name="Title">The feed's title.</param>
/// <param name="Description">One line about it.</param>
/// <param name="PageUrl">The site-relative address of the page the feed mirrors (<c>/</c>, <c>/tags/x/</c>).</param>
/// <param name="Posts">Its newest posts, newest first.</param>
public sealed record FeedSource(string Title, string Description, string PageUrl, IReadOnlyList<PostSummary> Posts);
