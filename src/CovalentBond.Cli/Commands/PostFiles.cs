namespace CovalentBond.Cli.Commands;

/// <summary>
/// Finds the Markdown files named on a command line: files as given, folders searched for <c>*.md</c> and
/// <c>*.markdown</c>; Hugo section pages (<c>_index.md</c>) are left out, and said so to the writer a caller gives.
/// </summary>
internal static class PostFiles
{
    public static IReadOnlyList<FileInfo> Find(IEnumerable<string> paths, TextWriter? skipped = null)
    {
        var files = new List<FileInfo>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(Publishing.Posts.SourceNames.IsMarkdown).Order(StringComparer.Ordinal))
                {
                    if (Publishing.Posts.SourceNames.IsSectionPage(file))
                    {
                        skipped?.WriteLine($"skipped: {file} (a Hugo section page, not a post)");
                        continue;
                    }

                    files.Add(new FileInfo(file));
                }
            }
            else if (File.Exists(path))
            {
                files.Add(new FileInfo(path));
            }
            else
            {
                throw new CliException($"'{path}' is neither a file nor a folder");
            }
        }

        return files;
    }
}

/// <summary>Finds the image files in a content folder (the bytes decide later whether each really is one).</summary>
internal static class ImageFiles
{
    public static IReadOnlyList<FileInfo> Find(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Publishing.Media.ImageSniffer.HasImageExtension(f) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f))
            .ToList();
}
