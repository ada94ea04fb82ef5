using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Cli.Import;

/// <summary>
/// The old site's files a post uses (images, downloads), found by their addresses in the body and the image fields,
/// copied beside the post and named there by file name, so the post and its pictures travel together.
/// </summary>
internal static partial class LocalFiles
{
    private static readonly string[] ImageKeys = ["image", "cover", "featured_image", "featuredImage"];

    /// <summary>Rewrites every address <paramref name="resolve"/> finds a file for to the file's name beside the post.</summary>
    /// <param name="resolve">The file an address means on the old site, or null when it is not one of its files.</param>
    public static string InBody(string body, Func<string, string?> resolve, Dictionary<string, string> files) =>
        Address().Replace(body, match =>
        {
            var url = match.Groups["url"].Value;
            return resolve(url) is { } path && Take(path, files) is { } name
                ? match.Value.Replace(url, name, StringComparison.Ordinal)
                : match.Value;
        });

    /// <summary>The same for the image fields (<c>image</c> as text or as a mapping's <c>path</c>/<c>feature</c>/<c>src</c>, <c>cover</c>, <c>featured_image</c>).</summary>
    public static void InFields(List<KeyValuePair<string, YamlNode>> fields, Func<string, string?> resolve, Dictionary<string, string> files)
    {
        foreach (var (key, value) in fields.Where(f => ImageKeys.Contains(f.Key, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            var scalars = value is YamlMappingNode map
                ? map.Children.Where(c => c.Key is YamlScalarNode { Value: "path" or "feature" or "src" or "image" }).Select(c => c.Value).OfType<YamlScalarNode>()
                : value is YamlScalarNode single ? [single] : [];
            foreach (var scalar in scalars)
            {
                if (scalar.Value is { Length: > 0 } url && resolve(url) is { } path && Take(path, files) is { } name)
                {
                    scalar.Value = name;
                }
            }
        }
    }

    /// <summary>The name <paramref name="path"/> gets beside the post: its own, or with a number when another file has it.</summary>
    private static string? Take(string path, Dictionary<string, string> files)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (files.FirstOrDefault(f => f.Value == path) is { Key: { } known })
        {
            return known;
        }

        var name = SafeName(Path.GetFileName(path));
        for (var i = 2; files.ContainsKey(name); i++)
        {
            name = $"{Path.GetFileNameWithoutExtension(path)}-{i}{Path.GetExtension(path)}";
        }

        files[name] = path;
        return name;
    }

    private static string SafeName(string name) => NotSafe().Replace(name, "-");

    /// <summary>
    /// The file a site path means under <paramref name="folder"/> (<c>/assets/x.png</c>) of the site at
    /// <paramref name="root"/>, with Jekyll's and Hugo's ways of writing the site's base address taken off; null for
    /// addresses elsewhere, and for a file that is not the folder's own (<see cref="OwnFiles.WhyNot"/>), which
    /// <paramref name="notes"/> then names.
    /// </summary>
    public static string? UnderRoot(string url, string folder, string postFolder, string root, ICollection<string> notes)
    {
        var path = TemplateBase().Replace(url, string.Empty).Trim();
        if (RelativeUrlFilter().Match(path) is { Success: true } filtered)
        {
            path = filtered.Groups["path"].Value;
        }

        if (path.Length == 0 || path.Contains("://", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal) || path.StartsWith('#')
            || path.Contains("{{", StringComparison.Ordinal) || path.Contains("{%", StringComparison.Ordinal))
        {
            return null;
        }

        path = Uri.UnescapeDataString(path.Split('?', '#')[0]);
        var full = Path.GetFullPath(path.StartsWith('/') ? Path.Combine(folder, path.TrimStart('/')) : Path.Combine(postFolder, path));
        if (OwnFiles.WhyNot(full, folder, root) is { } why)
        {
            if (File.Exists(full))
            {
                var note = $"'{url}' is {why}";
                if (!notes.Contains(note))
                {
                    notes.Add(note);
                }
            }

            return null;
        }

        return full;
    }

    /// <summary>A Markdown link or image address (<c>](x.png)</c>, <c>](x.png "title")</c>), an HTML <c>src</c> or <c>href</c>, or a reference definition.</summary>
    [GeneratedRegex(@"\]\((?<url>(?:\{\{[^}]*\}\}|[^)\s])+)(?:\s+""[^""]*"")?\)|\b(?:src|href)\s*=\s*[""'](?<url>[^""']+)[""']|^\[[^\]]+\]:\s*(?<url>\S+)", RegexOptions.Multiline)]
    private static partial Regex Address();

    [GeneratedRegex(@"\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}|\{\{-?\s*\.Site\.BaseURL\s*-?\}\}")]
    private static partial Regex TemplateBase();

    [GeneratedRegex(@"^\{\{-?\s*[""'](?<path>[^""']+)[""']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*-?\}\}$")]
    private static partial Regex RelativeUrlFilter();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex NotSafe();
}
