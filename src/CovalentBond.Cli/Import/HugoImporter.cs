using CovalentBond.Publishing.Posts;

namespace CovalentBond.Cli.Import;

/// <summary>
/// A Hugo site: the pages of <c>content/</c> (section pages left out), page bundles with their resources, old
/// addresses by the site's <c>[permalinks]</c> (or a page's own <c>url</c>), relative aliases made absolute
/// against the page's section as Hugo resolves them, and files of <c>static/</c> the pages show copied beside them.
/// </summary>
internal static partial class HugoImporter
{
    private static readonly string[] ConfigNames = ["hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"];

    public static bool Recognizes(string root) =>
        Directory.Exists(Path.Combine(root, "content")) && ConfigNames.Any(n => File.Exists(Path.Combine(root, n)) || Directory.Exists(Path.Combine(root, "config")));

    public static ImportSource Read(string root)
    {
        var config = SiteConfig.Read(root, ConfigNames);
        var permalinks = config.Table("permalinks") ?? [];
        var content = Path.Combine(root, "content");
        var posts = new List<ImportedPost>();
        var skipped = new List<string>();
        // Links met anywhere under content/ (a bundle's too) are reported here, once.
        foreach (var file in OwnFiles.Under(content, root, skipped).Where(SourceNames.IsMarkdown).Order(StringComparer.Ordinal).ToList())
        {
            var origin = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (SourceNames.IsSectionPage(file))
            {
                skipped.Add($"{origin}: a section page (its list is made by the site), not a post");
                continue;
            }

            if (Read(root, content, file, origin, permalinks, out var why) is { } post)
            {
                posts.Add(post);
            }
            else
            {
                skipped.Add($"{origin}: {why}");
            }
        }

        return new ImportSource("Hugo", References.Dated(posts, root), skipped);
    }

    private static ImportedPost? Read(string root, string content, string file, string origin, Dictionary<string, object?> permalinks, out string? why)
    {
        if (ImportFields.ReadSource(file, out why) is not { } source)
        {
            return null;
        }

        var fields = source.Fields.ToList();
        var folder = Path.GetDirectoryName(file)!;
        var bundle = Slug.IsBundleFile(file);
        var fileName = bundle ? Path.GetFileName(folder) : Path.GetFileNameWithoutExtension(file);
        var sections = SectionsOf(content, bundle ? Path.GetDirectoryName(folder)! : folder);
        var title = ImportFields.GetText(fields, "title") ?? fileName;
        var date = ImportFields.ParseDate(ImportFields.GetText(fields, "date")) ?? ImportFields.FileNameDate(fileName);
        if (date is null)
        {
            why = "the front matter gives no date";
            return null;
        }

        if (ImportFields.Get(fields, "date") is null)
        {
            ImportFields.Set(fields, ImportFields.Text("date", date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var slug = ImportFields.GetText(fields, "slug");
        var own = ImportFields.GetText(fields, "url");
        var pattern = sections.Count > 0 && permalinks.TryGetValue(sections[0], out var configured) && configured is string p ? p : OldAddresses.HugoDefault;
        var oldUrl = own ?? OldAddresses.Hugo(pattern, date.Value, slug, title, fileName, sections);
        ImportFields.Remove(fields, "url");

        // Hugo resolves a relative alias against the page's section; made absolute here, it stays right whatever the new site's addresses are.
        var section = sections.Count > 0 ? "/" + string.Join('/', sections).ToLowerInvariant() + "/" : "/";
        var aliases = ImportFields.GetList(fields, "aliases").Select(a => a.StartsWith('/') ? a : section + a).ToList();

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bundle)
        {
            // A bundle's resources travel with it, hidden files (.env, .DS_Store) aside.
            foreach (var resource in OwnFiles.Under(folder, root, []).Where(f => f != file && !SourceNames.IsMarkdown(f) && OwnFiles.WhyNot(f, folder, root) is null).Order(StringComparer.Ordinal))
            {
                files[Path.GetRelativePath(folder, resource).Replace('\\', '/')] = resource;
            }
        }

        var notes = new List<string>();
        var statics = Path.Combine(root, "static");
        string? Resolve(string url) =>
            url.StartsWith('/') || url.Contains("BaseURL", StringComparison.Ordinal) ? LocalFiles.UnderRoot(url, statics, folder, root, notes)
            : bundle ? null
            : LocalFiles.UnderRoot(url, content, folder, root, notes);
        var body = LocalFiles.InBody(source.Body, Resolve, files);
        LocalFiles.InFields(fields, Resolve, files);

        return new ImportedPost
        {
            Origin = origin,
            Name = ImportFields.FileNameDate(fileName) is null ? $"{date.Value:yyyy-MM-dd}-{fileName}" : fileName,
            Fields = JekyllImporter.WithAliases(fields, aliases),
            Body = body,
            Files = files,
            OldUrl = oldUrl,
            Notes = notes,
        };
    }

    /// <summary>
    /// A page's sections as Hugo counts them: the first folder under <c>content/</c> always, a folder below it only
    /// when it has a section page (<c>_index.md</c>), as a dated folder tree (<c>posts/2015/01/</c>) usually has not.
    /// </summary>
    private static List<string> SectionsOf(string content, string folder)
    {
        var relative = Path.GetRelativePath(content, folder).Replace('\\', '/');
        if (relative == ".")
        {
            return [];
        }

        var parts = relative.Split('/');
        var sections = new List<string> { parts[0] };
        for (var i = 1; i < parts.Length; i++)
        {
            var dir = Path.Combine([content, .. parts[..(i + 1)]]);
            if (!Directory.EnumerateFiles(dir, "_index.*").Any())
            {
                break;
            }

            sections.Add(parts[i]);
        }

        return sections;
    }

    /// <summary>
    /// Hugo's <c>ref</c> and <c>relref</c> name pages by path or file name, without their dates; rewritten to the
    /// imported post's dated name (<c>2015-05-03-kyoto-trip</c>), they resolve under any <c>Site:Permalink</c>.
    /// </summary>
    private static class References
    {
        public static List<ImportedPost> Dated(List<ImportedPost> posts, string root)
        {
            var byPath = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var byName = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var post in posts)
            {
                var path = Normalize(post.Origin);
                byPath[path] = post.Name;
                var last = path.Split('/')[^1];
                byName.TryAdd(last, []);
                byName[last].Add(post.Name);
            }

            return posts.Select(post => post with
            {
                Body = Reference().Replace(post.Body, match =>
                {
                    var target = Normalize(match.Groups["target"].Value);
                    var name = byPath.GetValueOrDefault(target) ?? byPath.GetValueOrDefault("posts/" + target)
                        ?? (byName.TryGetValue(target.Split('/')[^1], out var named) && named.Count == 1 ? named[0] : null);
                    return name is null ? match.Value : match.Value.Replace("\"" + match.Groups["target"].Value, "\"" + name, StringComparison.Ordinal);
                }),
            }).ToList();
        }

        /// <summary><c>content/posts/x/index.md</c>, <c>/posts/x.md</c>, <c>posts/x</c> → <c>posts/x</c>.</summary>
        private static string Normalize(string path)
        {
            path = path.Split('#')[0].Replace('\\', '/').Trim('/');
            if (path.StartsWith("content/", StringComparison.OrdinalIgnoreCase))
            {
                path = path["content/".Length..];
            }

            path = System.IO.Path.ChangeExtension(path, null) ?? path;
            return path.EndsWith("/index", StringComparison.OrdinalIgnoreCase) ? path[..^"/index".Length] : path;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{[<%]\s*(?:rel)?ref\s+""(?<target>[^""#]+)(?<fragment>#[^""]*)?""\s*[>%]\}\}")]
    private static partial System.Text.RegularExpressions.Regex Reference();
}
