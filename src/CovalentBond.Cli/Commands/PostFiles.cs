namespace CovalentBond.Cli.Commands;

/// <summary>Finds the Markdown files named on a command line: files as given, folders searched for <c>*.md</c>.</summary>
internal static class PostFiles
{
    public static IReadOnlyList<FileInfo> Find(IEnumerable<string> paths)
    {
        var files = new List<FileInfo>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.md", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(f => new FileInfo(f)));
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
