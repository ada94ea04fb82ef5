using Azure;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Theme;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// The site owner's theme: files in the <c>theme</c> container (<c>article.liquid</c>, <c>site.css</c>, ...)
/// laid over the default theme by name. Read when the process starts, and again when the change watcher
/// or a republish worker looks for a new one.
/// </summary>
public sealed partial class BlobThemeLoader(
    ContentStorageClients clients, Microsoft.Extensions.Options.IOptions<StorageOptions> options, ILogger<BlobThemeLoader> logger) : IThemeSource
{
    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(options.Value.ThemeContainer);

    /// <summary>
    /// Synchronous SDK calls (not sync-over-async): for the one load inside a DI factory at start-up. When
    /// the container cannot be read (role assignments still propagating, a storage outage), the worker
    /// starts with the default theme and logs a warning; the change check loads the theme again later
    /// and republishes when it differs.
    /// </summary>
    public Theme Load()
    {
        try
        {
            return LoadOrThrow();
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
            LogThemeUnreadable(logger, ex, options.Value.ThemeContainer);
            return Theme.Default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The theme container {Container} could not be read; starting with the default theme (the change check tries again)")]
    private static partial void LogThemeUnreadable(ILogger logger, Exception exception, string container);

    private Theme LoadOrThrow()
    {
        if (!Container.Exists().Value)
        {
            return Theme.Default;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Container.GetBlobs().Where(b => IsThemeFile(b.Name)))
        {
            files[item.Name] = Container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString();
        }

        return files.Count == 0 ? Theme.Default : Theme.Default.WithOverrides(files);
    }

    public async Task<Theme> LoadAsync(CancellationToken cancellationToken)
    {
        if (!(await Container.ExistsAsync(cancellationToken)).Value)
        {
            return Theme.Default;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in Container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (IsThemeFile(item.Name))
            {
                files[item.Name] = (await Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            }
        }

        return files.Count == 0 ? Theme.Default : Theme.Default.WithOverrides(files);
    }

    private static bool IsThemeFile(string name) =>
        !name.Contains('/', StringComparison.Ordinal)
        && Publishing.Theme.Theme.IsThemeFile(name);
}
