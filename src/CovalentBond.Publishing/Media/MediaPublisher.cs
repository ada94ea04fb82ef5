using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Publishing.Media;

/// <summary>What uploading an image came to: the image and the posts brought up to date, or why it was refused.</summary>
public sealed record MediaPublishResult(MediaImage? Image, string? Problem, int VariantsWritten, IReadOnlyList<string> PostsUpdated)
{
    public bool IsRefused => Problem is not null;

    public static MediaPublishResult Refused(string problem) => new(null, problem, 0, []);
}

/// <summary>
/// The image use case every host calls (HTTP, a dropped blob, the CLI): make the variants in memory (a refused
/// image writes nothing), store them under their content-hashed names, keep the original in the source
/// container, record the image, then publish again every post that uses it, through the incremental path.
/// </summary>
public sealed partial class MediaPublisher(
    ImageProcessor processor,
    ISourceStore sources,
    ISiteStore site,
    IMediaIndex media,
    StoredPostRepublisher posts,
    ILogger<MediaPublisher> logger)
{
    public MediaOptions Options => processor.Options;

    /// <param name="key">Where the image belongs: <c>{folder}/{file}</c> beside a post, <c>media/{path}</c> site-wide.</param>
    /// <param name="sourceAlreadyStored">True when the bytes are a blob already in the source container (the blob trigger).</param>
    /// <param name="regenerate">Make the variants even if this image was processed from these bytes before (verify's repair).</param>
    public async Task<MediaPublishResult> PublishAsync(string key, byte[] bytes, bool sourceAlreadyStored = false, bool regenerate = false, CancellationToken cancellationToken = default)
    {
        // An image already processed from these very bytes (under these settings) is not made again: the blob
        // trigger fires for this publisher's own source writes, and `covalent publish` uploads a bundle's images
        // every time. Its original is stored again if it went missing (that writes nothing when it is there).
        if (!regenerate && bytes.LongLength <= processor.Options.MaxUploadBytes
            && (await media.GetManyAsync([key], cancellationToken)).TryGetValue(key, out var known) && known.Hash == processor.Hash(bytes))
        {
            if (!sourceAlreadyStored)
            {
                await sources.SaveAsync(key, bytes, ContentHash.Of(bytes), slug: null, cancellationToken);
            }

            return new MediaPublishResult(known, null, 0, []);
        }

        ProcessedImage processed;
        try
        {
            processed = processor.Process(key, bytes);
        }
        catch (MediaRejectedException ex)
        {
            LogRefused(logger, key, ex.Message);
            return MediaPublishResult.Refused(ex.Message);
        }

        // Variants first: their names are their content, so writing them early cannot show a reader anything new.
        var written = 0;
        foreach (var variant in processed.Variants)
        {
            written += await site.WriteAsync(variant, cancellationToken) ? 1 : 0;
        }

        if (!sourceAlreadyStored)
        {
            var hash = ContentHash.Of(bytes);
            await sources.SaveAsync(key, bytes, hash, slug: null, cancellationToken);
        }

        await media.SaveAsync(processed.Image, cancellationToken);

        var updated = new List<string>();
        foreach (var slug in await media.UsersAsync(key, cancellationToken))
        {
            if (await posts.RepublishAsync(slug, cancellationToken) is { IsRefused: false })
            {
                updated.Add(slug);
            }
        }

        LogPublished(logger, key, processed.Image.Hash, written, updated.Count);
        return new MediaPublishResult(processed.Image, null, written, updated);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {Key} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, string key, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {Key} published as {Hash}: {Written} variants written, {Posts} posts updated")]
    private static partial void LogPublished(ILogger logger, string key, string hash, int written, int posts);
}
