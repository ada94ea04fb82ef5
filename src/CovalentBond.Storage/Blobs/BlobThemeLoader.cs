using Azure.Storage.Blobs;
using CovalentBond.Publishing.Theme;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// The site owner's theme: files in the <c>theme</c> container (<c>article.liquid</c>, <c>site.css</c>, ...)
/// laid over the default theme by name. Read when the process starts, and again when the change watcher
/// or a republish worker looks for a new one.
/// </summary>
public sealed class BlobThemeLoader(ContentStorageClients clients, Microsoft.Extensions.Options.IOptions<StorageOptions> options) : IThemeSource
{
    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(options.Value.ThemeContainer);

    /// <summary>Synchronous SDK calls (not sync-over-async): for the one load inside a DI factory at start-up.</summary>
    public Theme Load()
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
        && (name.EndsWith(".liquid", StringComparison.Ordinal) || name.EndsWith(".css", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal));
}
