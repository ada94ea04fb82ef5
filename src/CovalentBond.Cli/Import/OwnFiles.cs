namespace CovalentBond.Cli.Import;

/// <summary>
/// The old site's own files, and only those. An import may run on a site someone else wrote (a contributor's
/// checkout, a downloaded theme demo); a symbolic link in it can point anywhere on the importing machine
/// (<c>static/logo.png -> ~/.ssh/id_rsa</c>), and whatever the import copies ends up on the public site. So no
/// link is followed, a file or folder reached through one is refused by name, and an address that climbs out of
/// its folder (<c>/../static-private/x</c>) is not the folder's. Jekyll and Hugo do not follow such links either.
/// </summary>
internal static class OwnFiles
{
    /// <summary>
    /// The files under <paramref name="folder"/>, depth first in no particular order, without following symbolic
    /// links: each link met is named (relative to <paramref name="root"/>) in <paramref name="refused"/>, the folder
    /// itself too (a <c>_posts</c> or <c>content</c> that is a link yields nothing).
    /// </summary>
    public static IEnumerable<string> Under(string folder, string root, ICollection<string> refused)
    {
        if (new DirectoryInfo(folder).LinkTarget is { } linked)
        {
            refused.Add($"{Relative(root, folder)}: {LinkNote(linked)}");
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(folder)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is { } target)
                {
                    refused.Add($"{Relative(root, entry.FullName)}: {LinkNote(target)}");
                }
                else if (entry is DirectoryInfo inner)
                {
                    pending.Push(inner);
                }
                else
                {
                    yield return entry.FullName;
                }
            }
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> may not be copied as one of the files under <paramref name="folder"/> of the site
    /// at <paramref name="root"/>: outside the folder, hidden (a part of its path starts with a dot: settings and
    /// secrets such as <c>.env</c> or <c>.git/config</c>, never a post's picture), or reached through a symbolic link
    /// on the way down from the site's folder; null when it is the folder's own file.
    /// </summary>
    public static string? WhyNot(string path, string folder, string root)
    {
        var full = Path.GetFullPath(path);
        var within = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var site = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!full.StartsWith(within + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || !full.StartsWith(site + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return within == site ? "outside the site's folder" : $"outside {Relative(root, within)}/";
        }

        if (Path.GetRelativePath(site, full).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
        {
            return "a hidden file (a part of its path starts with a dot), not copied: such files hold settings and secrets";
        }

        for (var current = full; current.Length > site.Length; current = Path.GetDirectoryName(current)!)
        {
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is { } target)
            {
                return current == full ? LinkNote(target) : $"inside {Relative(root, current)}, {LinkNote(target)}";
            }
        }

        return null;
    }

    private static string LinkNote(string target) =>
        $"a symbolic link (to {target}), not followed: an import copies only the old site's own files";

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
