using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Publishes a post again from its stored source, as of now, through the publish path: what the scheduler does when a
/// post's time comes (it goes live, or expires), and what a picture arriving does for the posts that show it.
/// </summary>
public sealed partial class StoredPostRepublisher(IPostIndex index, ISourceStore sources, PostPublisher publisher, ILogger<StoredPostRepublisher> logger)
{
    /// <summary>
    /// Publishes a scheduled or published post again from its stored source, as of now: a scheduled
    /// post whose time has come goes live, a post past its expiry date comes off every list. Nothing
    /// changes for a post whose time has not come, and withdrawn posts stay withdrawn.
    /// </summary>
    /// <returns>Null when the index does not know the post, or its status never changes by itself.</returns>
    public async Task<PublishResult?> RepublishAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (await index.GetAsync(slug, cancellationToken) is not { Status: PostStatus.Scheduled or PostStatus.Published } record)
        {
            return null;
        }

        // Through the publish path: it copes with an author's upload racing this one.
        if (await sources.ReadAsync(record.SourceName, cancellationToken) is not { } source)
        {
            LogSourceGone(logger, slug, record.SourceName);
            return null;
        }

        return await publisher.PublishAsync(PostUpload.FromStoredSource(source, record.SourceName, Caller.App, slug), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The source of {Slug} ({SourceName}) is gone: its scheduled change was not applied")]
    private static partial void LogSourceGone(ILogger logger, string slug, string sourceName);
}
