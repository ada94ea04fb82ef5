using Azure;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Publishing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Blobs;

/// <summary>
/// Publishes a Markdown file dropped into the <c>posts</c> container. Rendered pages go to <c>$web</c>,
/// never back into <c>posts</c>, so publishing cannot trigger itself. Event Grid delivers the event, as
/// the Flex Consumption plan requires.
/// </summary>
public sealed partial class PublishPostFromBlobFunction(PostPublisher publisher, ILogger<PublishPostFromBlobFunction> logger)
{
    [Function("PublishPostFromBlob")]
    public async Task RunAsync(
        [BlobTrigger("posts/{name}", Connection = "ContentStorage", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            LogNotMarkdown(logger, name);
            return;
        }

        byte[] content;
        try
        {
            content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted before we got to it (triggers are at-least-once and may arrive late).
            LogGone(logger, name);
            return;
        }

        var result = await publisher.PublishAsync(PostUpload.FromStoredSource(content, name), cancellationToken);
        if (result.Status == PublishStatus.Invalid)
        {
            // A bad post will not get better on retry: report it and finish, rather than poison the queue.
            LogRefused(logger, name, string.Join("; ", result.Problems));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Name}: only .md files are posts")]
    private static partial void LogNotMarkdown(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Name}: it no longer exists")]
    private static partial void LogGone(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "The post {Name} was not published: {Problems}")]
    private static partial void LogRefused(ILogger logger, string name, string problems);
}
