using CovalentBond.Publishing.Posts;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Cli.Import;

/// <summary>
/// A Jekyll site: the posts of <c>_posts/</c> (and <c>_drafts/</c>, as drafts), their dates from their file names
/// where the front matter has none, their old addresses by the site's <c>permalink</c> (or the post's own), and
/// the site files they show copied beside them.
/// </summary>
internal static class JekyllImporter
{
    public static bool Recognizes(string root) => Directory.Exists(Path.Combine(root, "_posts"));

    public static ImportSource Read(string root)
    {
        var config = SiteConfig.Read(root, "_config.yml", "_config.yaml");
        var pattern = OldAddresses.JekyllPattern(config.Text("permalink"));
        var posts = new List<ImportedPost>();
        var skipped = new List<string>();
        foreach (var (folder, draft) in new[] { ("_posts", false), ("_drafts", true) })
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in OwnFiles.Under(dir, root, skipped).Where(IsPost).Order(StringComparer.Ordinal).ToList())
            {
                var origin = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (Read(root, file, origin, pattern, draft, out var why) is { } post)
                {
                    posts.Add(post);
                }
                else
                {
                    skipped.Add($"{origin}: {why}");
                }
            }
        }

        return new ImportSource("Jekyll", posts, skipped);
    }

    private static bool IsPost(string file) =>
        SourceNames.IsMarkdown(file) || file.EndsWith(".html", StringComparison.OrdinalIgnoreCase);

    private static ImportedPost? Read(string root, string file, string origin, string pattern, bool draft, out string? why)
    {
        if (ImportFields.ReadSource(file, out why) is not { } source)
        {
            return null;
        }

        var fields = source.Fields.ToList();
        var baseName = Path.GetFileNameWithoutExtension(file);
        var fileDate = ImportFields.FileNameDate(baseName);
        var title = fileDate is null ? baseName : baseName[11..];
        // A draft without a date is dated by its file, as Jekyll dates drafts.
        var date = ImportFields.ParseDate(ImportFields.GetText(fields, "date")) ?? fileDate ?? (draft ? new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero) : null);
        if (date is null)
        {
            why = "neither the front matter nor the file name gives a date";
            return null;
        }

        if (ImportFields.Get(fields, "date") is null)
        {
            ImportFields.Set(fields, ImportFields.Text("date", date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (draft)
        {
            ImportFields.Set(fields, ImportFields.Text("draft", "true"));
        }

        var notes = new List<string>();
        var categories = ImportFields.GetList(fields, "categories", splitSpaces: true);
        if (ImportFields.Get(fields, "categories") is YamlScalarNode)
        {
            // Jekyll reads "categories: a b" as two; written as a list, every reader agrees.
            ImportFields.Set(fields, ImportFields.List("categories", categories));
        }

        categories.AddRange(ImportFields.GetList(fields, "category"));
        var own = ImportFields.GetText(fields, "permalink");
        var oldUrl = draft ? null : own is not null && !own.Contains(':', StringComparison.Ordinal)
            ? own
            : OldAddresses.Jekyll(own ?? pattern, date.Value, ImportFields.GetText(fields, "slug") ?? title, categories);
        ImportFields.Remove(fields, "permalink");

        // jekyll-redirect-from's addresses are aliases too.
        var aliases = ImportFields.GetList(fields, "redirect_from").Concat(ImportFields.GetList(fields, "aliases")).ToList();
        ImportFields.Remove(fields, "redirect_from");

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Resolve(string url) => LocalFiles.UnderRoot(url, root, Path.GetDirectoryName(file)!, root, notes);
        var body = LocalFiles.InBody(source.Body, Resolve, files);
        LocalFiles.InFields(fields, Resolve, files);
        if (file.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add("the post was written in HTML: it is kept as HTML, which the site cleans as it renders");
        }

        return new ImportedPost
        {
            Origin = origin,
            Name = baseName.Length > 0 && fileDate is not null ? baseName : $"{date.Value:yyyy-MM-dd}-{baseName}",
            Fields = WithAliases(fields, aliases),
            Body = body,
            Files = files,
            OldUrl = oldUrl,
            Notes = notes,
        };
    }

    /// <summary>Puts the collected aliases back as one list (the old address is added when the posts are written).</summary>
    internal static List<KeyValuePair<string, YamlNode>> WithAliases(List<KeyValuePair<string, YamlNode>> fields, List<string> aliases)
    {
        ImportFields.Remove(fields, "aliases");
        if (aliases.Count > 0)
        {
            fields.Add(ImportFields.List("aliases", aliases.Distinct(StringComparer.Ordinal)));
        }

        return fields;
    }
}

/// <summary>A generator's site configuration (<c>_config.yml</c>, <c>hugo.toml</c>, …), read for the few settings an import needs.</summary>
internal sealed class SiteConfig(Dictionary<string, object?> values)
{
    public static SiteConfig Read(string root, params string[] names)
    {
        foreach (var name in names)
        {
            var path = Path.Combine(root, name);
            if (!File.Exists(path))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            if (name.EndsWith(".toml", StringComparison.Ordinal))
            {
                return new SiteConfig(FromToml(Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text) ?? new Tomlyn.Model.TomlTable()));
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return new SiteConfig(stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map ? FromYaml(map) : []);
        }

        return new SiteConfig([]);
    }

    public string? Text(string key) => values.TryGetValue(key, out var value) ? value as string : null;

    public Dictionary<string, object?>? Table(string key) => values.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    private static Dictionary<string, object?> FromToml(Tomlyn.Model.TomlTable table) =>
        table.ToDictionary(
            kv => kv.Key.ToLowerInvariant(),
            kv => kv.Value is Tomlyn.Model.TomlTable inner ? FromToml(inner) : (object?)kv.Value?.ToString(),
            StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, object?> FromYaml(YamlMappingNode map) =>
        map.Children.Where(c => c.Key is YamlScalarNode).ToDictionary(
            c => ((YamlScalarNode)c.Key).Value!.ToLowerInvariant(),
            c => c.Value is YamlMappingNode inner ? FromYaml(inner) : c.Value is YamlScalarNode s ? s.Value : (object?)null,
            StringComparer.OrdinalIgnoreCase);
}
