using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// The site owner's theme: files in the <c>theme</c> container (<c>article.liquid</c>, <c>site.css</c>, ...)
/// laid over the default theme by name. Read once per process, when the first page is rendered.
/// </summary>
public static class BlobThemeLoader
{
    public static Publishing.Theme.Theme Load(ContentStorageClients clients, StorageOptions options)
    {
        // Synchronous SDK calls (not sync-over-async): this runs once, inside a DI factory.
        var container = clients.Blobs.GetBlobContainerClient(options.ThemeContainer);
        if (!container.Exists().Value)
        {
            return Publishing.Theme.Theme.Default;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in container.GetBlobs())
        {
            if (!item.Name.Contains('/', StringComparison.Ordinal)
                && (item.Name.EndsWith(".liquid", StringComparison.Ordinal) || item.Name.EndsWith(".css", StringComparison.Ordinal) || item.Name.EndsWith(".svg", StringComparison.Ordinal)))
            {
                files[item.Name] = container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString();
            }
        }

        return files.Count == 0 ? Publishing.Theme.Theme.Default : Publishing.Theme.Theme.Default.WithOverrides(files);
    }
}
