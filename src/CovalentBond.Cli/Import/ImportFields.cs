using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Cli.Import;

/// <summary>Building and reading front matter fields of imported posts.</summary>
internal static class ImportFields
{
    /// <summary>A post file of the old site, front matter read as a publish reads it; null with the reason when it cannot be.</summary>
    public static Publishing.Posts.SourceFrontMatter? ReadSource(string file, out string? why)
    {
        var source = Publishing.Posts.SourceFrontMatter.Read(File.ReadAllText(file), out var problems);
        why = source is null ? string.Join("; ", problems) : null;
        return source;
    }

    public static KeyValuePair<string, YamlNode> Text(string key, string value) => KeyValuePair.Create(key, (YamlNode)new YamlScalarNode(value));

    public static KeyValuePair<string, YamlNode> List(string key, IEnumerable<string> values) =>
        KeyValuePair.Create(key, (YamlNode)new YamlSequenceNode(values.Select(v => (YamlNode)new YamlScalarNode(v))));

    public static KeyValuePair<string, YamlNode> Date(string key, DateTimeOffset value) =>
        Text(key, value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    /// <summary>The field <paramref name="key"/> (any case), or null.</summary>
    public static YamlNode? Get(List<KeyValuePair<string, YamlNode>> fields, string key) =>
        fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    public static string? GetText(List<KeyValuePair<string, YamlNode>> fields, string key) =>
        Get(fields, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    /// <summary>A field's values: a list's items, or a scalar split on spaces when <paramref name="splitSpaces"/> (Jekyll's <c>categories: a b</c>).</summary>
    public static List<string> GetList(List<KeyValuePair<string, YamlNode>> fields, string key, bool splitSpaces = false) => Get(fields, key) switch
    {
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).Where(v => v.Length > 0).ToList(),
        YamlScalarNode { Value: { Length: > 0 } value } => splitSpaces ? [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [value],
        _ => [],
    };

    public static void Remove(List<KeyValuePair<string, YamlNode>> fields, string key) =>
        fields.RemoveAll(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sets a field, in place of any of the same name (any case).</summary>
    public static void Set(List<KeyValuePair<string, YamlNode>> fields, KeyValuePair<string, YamlNode> field)
    {
        var at = fields.FindIndex(f => string.Equals(f.Key, field.Key, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            fields[at] = field;
        }
        else
        {
            fields.Add(field);
        }
    }

    /// <summary>A date as the old generators write it: <c>2015-11-08</c>, <c>2015-11-08 10:00:00 +0100</c>, ISO 8601.</summary>
    public static DateTimeOffset? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-dd HH:mm:ss K", "yyyy-MM-dd H:mm:ss zzz", "yyyy-MM-dd HH:mm zzz"];
        var trimmed = text.Trim();
        var compact = System.Text.RegularExpressions.Regex.Replace(trimmed, @" ([+-])(\d{2})(\d{2})$", " $1$2:$3");
        if (DateTimeOffset.TryParseExact(compact, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact))
        {
            return exact;
        }

        return DateTimeOffset.TryParse(compact, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    /// <summary>The date a Jekyll file name starts with (<c>2015-11-08-name.md</c>), or null.</summary>
    public static DateTimeOffset? FileNameDate(string name) =>
        name.Length >= 11 && name[10] == '-'
        && DateTime.TryParseExact(name[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;

    /// <summary>The path of an address (<c>https://old.example/2015/11/x/</c> → <c>/2015/11/x/</c>), or null when it has none a redirect can stand at.</summary>
    public static string? PathOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.Query.Length > 0 || absolute.AbsolutePath is "/" or "" ? null : absolute.AbsolutePath;
        }

        return url.StartsWith('/') && !url.Contains('?', StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) ? url : null;
    }
}
