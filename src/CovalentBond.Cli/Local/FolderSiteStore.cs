using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Cli.Local;

/// <summary>The site as a folder on disk: for <c>covalent build</c> and <c>covalent serve --dir</c>.</summary>
public sealed class FolderSiteStore(string root) : ISiteStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken)
    {
        var path = FullPath(page.Path);
        if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(page.Content))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, page.Content, cancellationToken);
        return true;
    }

    /// <summary>A folder has one writer (the build): versions are not kept.</summary>
    public Task<bool> WriteVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        WriteAsync(page, cancellationToken);

    public Task<bool> RefreshVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        WriteAsync(page, cancellationToken);

    public Task<bool> DeleteVersionedAsync(string path, long version, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        if (!File.Exists(full))
        {
            return Task.FromResult(false);
        }

        File.Delete(full);
        return Task.FromResult(true);
    }

    public async Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        return File.Exists(full)
            ? new SiteFile(path, await File.ReadAllBytesAsync(full, cancellationToken), ContentTypeOf(path), null)
            : null;
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
        }

        await Task.CompletedTask;
    }

    /// <summary>The content type the site store would have recorded, from the file's extension.</summary>
    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => SitePage.HtmlContentType,
        ".css" => SitePage.CssContentType,
        ".xml" when path.EndsWith("atom.xml", StringComparison.Ordinal) => SitePage.AtomContentType,
        ".xml" when path.EndsWith("feed.xml", StringComparison.Ordinal) => SitePage.RssContentType,
        ".xml" => SitePage.XmlContentType,
        ".txt" => SitePage.TextContentType,
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".avif" => "image/avif",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    internal string FullPath(string sitePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, sitePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{sitePath}' is outside the site folder");
        }

        return full;
    }
}
