using CovalentBond.Publishing.Media;

namespace CovalentBond.Cli.Commands;

/// <summary>Publishes the images of a content folder through the shared media publisher, one line per image.</summary>
internal static partial class MediaFilePublisher
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
    /// The images a post file brings: the files beside it that its body or cover names by a relative path, and for a
    /// page bundle (<c>…/index.md</c>) every image in its folder; each with the key the stored post looks it up by.
    /// The body is scanned as text, not rendered (a post is rendered once, by the publisher): a name inside a code
    /// block is uploaded too, which costs an upload and changes no page.
    /// </summary>
    public static IReadOnlyList<(string Key, FileInfo File)> ImagesOf(FileInfo file, Publishing.Posts.Post post)
    {
        var folder = StoredMediaCatalog.FolderOf(post.Slug, file.FullName);
        var found = new Dictionary<string, FileInfo>(StringComparer.Ordinal);
        var named = ImageReference().Matches(post.Body).Select(m => m.Groups[1].Value).Append(post.Image ?? string.Empty);
        foreach (var reference in named)
        {
            if (MediaReference.KeyOf(reference, folder) is { } key && key.StartsWith(folder + "/", StringComparison.Ordinal))
            {
                var image = new FileInfo(Path.Combine(file.DirectoryName!, key[(folder.Length + 1)..]));
                if (image.Exists)
                {
                    found[key] = image;
                }
            }
        }

        if (Publishing.Posts.Slug.IsBundleFile(file.Name))
        {
            foreach (var image in Directory.EnumerateFiles(file.DirectoryName!).Where(ImageSniffer.HasImageExtension))
            {
                found.TryAdd($"{folder}/{Path.GetFileName(image)}", new FileInfo(image));
            }
        }

        return found.Select(p => (p.Key, p.Value)).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\]\(\s*<?([^)\s>]+)")]
    private static partial System.Text.RegularExpressions.Regex ImageReference();

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
