using CovalentBond.Publishing.Media;

namespace CovalentBond.Cli.Commands;

/// <summary>Publishes the images of a content folder through the shared media publisher, one line per image.</summary>
internal static class MediaFilePublisher
{
    /// <summary>
    /// The key an image file is stored under, as posts name them: in a page bundle (<c>…/budget/photo.jpg</c>) the
    /// bundle's folder and the file (<c>budget/photo.jpg</c>, where <c>budget/index.md</c> looks for it); under the
    /// content folder's <c>media/</c>, the site-wide <c>media/…</c>.
    /// </summary>
    public static string KeyFor(string contentFolder, string file)
    {
        var parts = Path.GetRelativePath(contentFolder, file).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] == StoredMediaCatalog.SiteWideFolder && parts.Length > 1 ? string.Join('/', parts)
            : parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}"
            : parts[^1];
    }

    /// <returns>How many images were refused.</returns>
    public static async Task<int> PublishAsync(MediaPublisher publisher, DirectoryInfo folder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var refused = 0;
        foreach (var file in ImageFiles.Find(folder.FullName))
        {
            var key = KeyFor(folder.FullName, file.FullName);
            if (file.Length > publisher.Options.MaxUploadBytes)
            {
                refused++;
                await error.WriteLineAsync($"{file.FullName}: {file.Length:N0} bytes is over the limit of {publisher.Options.MaxUploadBytes:N0} bytes (Media:MaxUploadBytes)");
                continue;
            }

            var result = await publisher.PublishAsync(key, await File.ReadAllBytesAsync(file.FullName, cancellationToken), cancellationToken: cancellationToken);
            if (result.IsRefused)
            {
                refused++;
                await error.WriteLineAsync($"{file.FullName}: {result.Problem}");
            }
            else
            {
                await output.WriteLineAsync($"image     {key} ({result.Image!.Width}×{result.Image.Height}, {result.VariantsWritten} variants written)");
            }
        }

        return refused;
    }
}
