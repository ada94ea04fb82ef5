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

    /// <summary>
    /// The images a post file brings: those its body or cover names by a relative path that exists beside it, and
    /// for a page bundle (<c>…/index.md</c>) every image in its folder; each with the key the stored post looks it up by.
    /// </summary>
    public static IReadOnlyList<(string Key, FileInfo File)> ImagesOf(FileInfo post, Publishing.Publishing.PreparedPost prepared)
    {
        var folder = StoredMediaCatalog.FolderOf(prepared.Post.Slug, post.FullName);
        var found = new Dictionary<string, FileInfo>(StringComparer.Ordinal);
        foreach (var key in StoredMediaCatalog.KeysOf(prepared).Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal)))
        {
            var file = new FileInfo(Path.Combine(post.DirectoryName!, key[(folder.Length + 1)..]));
            if (file.Exists)
            {
                found[key] = file;
            }
        }

        if (Publishing.Posts.Slug.IsBundleFile(post.Name))
        {
            foreach (var file in Directory.EnumerateFiles(post.DirectoryName!).Where(ImageSniffer.HasImageExtension))
            {
                found.TryAdd($"{folder}/{Path.GetFileName(file)}", new FileInfo(file));
            }
        }

        return found.Select(p => (p.Key, p.Value)).ToList();
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
