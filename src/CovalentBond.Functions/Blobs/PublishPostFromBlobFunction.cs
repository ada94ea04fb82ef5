using Azure;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using CovalentBond.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Blobs;

/// <summary>
/// Publishes a Markdown file dropped into the <c>posts</c> container (and an image, through the media publisher). Rendered pages go to <c>$web</c>,
/// never back into <c>posts</c>, so publishing cannot trigger itself. Event Grid delivers the event, as
/// the Flex Consumption plan requires; it fires for the HTTP API's own source writes too, and those carry
/// the slug they were published under (blob metadata), so they publish the same post again: nothing changes.
/// A bad post is logged and finishes the invocation: only storage faults throw (and are retried, then parked).
/// </summary>
public sealed partial class PublishPostFromBlobFunction(PostPublisher publisher, MediaPublisher media, AuditRecorder audit, SiteOptions site, ILogger<PublishPostFromBlobFunction> logger)
{
    [Function("PublishPostFromBlob")]
    public async Task RunAsync(
        [BlobTrigger("posts/{name}", Connection = "ContentStorage", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        if (ImageSniffer.HasImageExtension(name))
        {
            // The same path check as an upload over HTTP: a dropped blob's name is an author's input too.
            if (!ImageSniffer.IsSafeImagePath(name))
            {
                LogRefused(logger, name, "an image's path must be plain segments of letters, digits, '.', '-' and '_' (no '..', no hidden file)");
                return;
            }

            await PublishImageAsync(blob, name, cancellationToken);
            return;
        }

        if (!SourceNames.IsPost(name))
        {
            LogNotMarkdown(logger, name);
            return;
        }

        byte[] content;
        string? slug;
        try
        {
            // The size first: a huge blob is refused without being downloaded.
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.ContentLength > site.MaxPostBytes)
            {
                LogRefused(logger, name, $"the file is {properties.ContentLength:N0} bytes; posts may be at most {site.MaxPostBytes:N0} bytes");
                return;
            }

            var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
            content = download.Content.ToArray();
            slug = download.Details.Metadata.TryGetValue(BlobSourceStore.SlugMetadataKey, out var stored) ? stored : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted before we got to it (triggers are at-least-once and may arrive late).
            LogGone(logger, name);
            return;
        }

        var result = await publisher.PublishAsync(PostUpload.FromStoredSource(content, name, Caller.StorageDrop($"blob {name}"), slug), cancellationToken);
        if (result.IsRefused)
        {
            // A bad post will not get better on retry: report it and finish, rather than poison the queue.
            LogRefused(logger, name, string.Join("; ", result.Problems));
        }
    }

    /// <summary>An image dropped beside a post (or under <c>media/</c>): its variants, then the posts that use it.</summary>
    private async Task PublishImageAsync(BlobClient blob, string name, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.ContentLength > media.Options.MaxUploadBytes)
            {
                LogRefused(logger, name, $"the image is {properties.ContentLength:N0} bytes; images may be at most {media.Options.MaxUploadBytes:N0} bytes (Media:MaxUploadBytes)");
                return;
            }

            content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            LogGone(logger, name);
            return;
        }

        var result = await media.PublishAsync(name, content, sourceAlreadyStored: true, cancellationToken: cancellationToken);
        var dropper = Caller.StorageDrop($"blob {name}");
        if (result.IsRefused)
        {
            LogRefused(logger, name, result.Problem!);
            await audit.RecordAsync(dropper, "media", "refused", name, detail: result.Problem, cancellationToken: cancellationToken);
            return;
        }

        // As an upload over the API is: who (the storage drop), which picture, its hash, what it changed.
        await audit.RecordAsync(dropper, "media", "stored", name, hashAfter: result.Image!.Hash, detail: $"{result.VariantsWritten} variants, {result.PostsUpdated.Count} posts updated", cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Name}: only .md and .markdown files are posts (not a section's _index.md), and image files images")]
    private static partial void LogNotMarkdown(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Name}: it no longer exists")]
    private static partial void LogGone(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "The post {Name} was not published: {Problems}")]
    private static partial void LogRefused(ILogger logger, string name, string problems);
}
