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
