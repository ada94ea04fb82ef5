using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// TOML front matter (<c>+++</c>, as Hugo and Zola write it), read into the same fields as YAML so that every
/// check and limit applies alike: text stays text (quoted, so <c>"null"</c> is not YAML's null), dates become
/// ISO text, arrays lists and tables mappings. Bounded as YAML is: size, nesting, duplicate keys.
/// </summary>
internal static partial class TomlFrontMatter
{
    private static readonly TomlSerializerOptions Options = new()
    {
        DuplicateKeyHandling = TomlDuplicateKeyHandling.Error,
        MaxDepth = PostLimits.FrontMatterDepth + 1,
    };

    public static Dictionary<string, FrontMatterField>? Parse(string tomlText, List<PostProblem> problems)
    {
        if (Encoding.UTF8.GetByteCount(tomlText) > PostLimits.FrontMatterBytes)
        {
            problems.Add(new PostProblem(2, null, $"the front matter is larger than {PostLimits.FrontMatterBytes / 1024} KiB"));
            return null;
        }

        if (FrontMatter.FlowDepth(tomlText) is { Depth: > PostLimits.FrontMatterDepth } deep)
        {
            problems.Add(new PostProblem(FrontMatter.FileLine(deep.Line), null,
                $"the front matter nests arrays or tables more than {PostLimits.FrontMatterDepth} deep"));
            return null;
        }

        // TOML forbids a key twice in one table; the model reader keeps the last, so the text is checked first.
        var (lines, duplicate) = KeyLines(tomlText);
        if (duplicate is { } twice)
        {
            problems.Add(new PostProblem(twice.Line, twice.Key, $"'{twice.Key}' appears twice in the front matter"));
            return null;
        }

        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(tomlText, Options) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            problems.Add(new PostProblem(FrontMatter.FileLine(ex.Line ?? 1), null, $"the front matter is not valid TOML: {Reason(ex.Message)}"));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            problems.Add(new PostProblem(2, null, $"the front matter is not valid TOML: {ex.Message}"));
            return null;
        }

        var fields = new Dictionary<string, FrontMatterField>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in table)
        {
            if (fields.ContainsKey(key))
            {
                problems.Add(new PostProblem(lines.GetValueOrDefault(key, 2), key, $"'{key}' appears twice (keys are read whatever their case)"));
                return null;
            }

            fields[key] = new FrontMatterField(Node(value), lines.GetValueOrDefault(key, 2));
        }

        return fields;
    }

    private static YamlNode Node(object? value) => value switch
    {
        null => new YamlScalarNode(null),
        string text => new YamlScalarNode(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted },
        bool flag => new YamlScalarNode(flag ? "true" : "false"),
        TomlDateTime date => new YamlScalarNode(Iso(date)),
        DateTimeOffset date => new YamlScalarNode(date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)),
        DateTime date => new YamlScalarNode(date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
        TomlArray array => new YamlSequenceNode(array.Select(Node)),
        TomlTableArray tables => new YamlSequenceNode(tables.Select(t => Node(t))),
        TomlTable nested => new YamlMappingNode(nested.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), Node(p.Value)))),
        IFormattable number => new YamlScalarNode(number.ToString(null, CultureInfo.InvariantCulture)),
        _ => new YamlScalarNode(value.ToString()) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted },
    };

    /// <summary>A TOML date as the reader's ISO text: a local date stays a date, a local time stays without offset.</summary>
    private static string Iso(TomlDateTime date) => date.Kind switch
    {
        TomlDateTimeKind.LocalDate => date.DateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TomlDateTimeKind.LocalDateTime => date.DateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        _ => date.DateTime.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The file line of each top-level key and table, and the first key written twice in one table (top-level keys
    /// compared whatever their case, as the reader reads them).
    /// </summary>
    private static (Dictionary<string, int> Lines, (string Key, int Line)? Duplicate) KeyLines(string tomlText)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var section = string.Empty;
        var all = tomlText.Split('\n');
        for (var i = 0; i < all.Length; i++)
        {
            var line = all[i].TrimStart();
            var fileLine = FrontMatter.FileLine(i + 1);
            if (line.StartsWith('['))
            {
                var header = TableHeader().Match(line);
                if (header.Success)
                {
                    section = header.Groups[1].Value.Trim().Trim('"');
                    lines.TryAdd(section, fileLine);

                    // An array of tables ([[x]]) repeats its header by design; each is a new table.
                    section += line.StartsWith("[[", StringComparison.Ordinal) ? $"#{i}" : string.Empty;
                }

                continue;
            }

            var key = TopLevelKey().Match(line);
            if (key.Success)
            {
                var name = key.Groups[1].Value.Trim('"', '\'');
                if (!seen.Add($"{section}\n{name}"))
                {
                    return (lines, (name, fileLine));
                }

                if (section.Length == 0)
                {
                    lines.TryAdd(name, fileLine);
                }
            }
        }

        return (lines, null);
    }

    /// <summary>Tomlyn's message without its "(line,column) : error :" prefix.</summary>
    private static string Reason(string message)
    {
        var marker = message.IndexOf(": error :", StringComparison.Ordinal);
        return marker < 0 ? message : message[(marker + ": error :".Length)..].Trim();
    }

    [GeneratedRegex(@"^(""[^""]*""|'[^']*'|[A-Za-z0-9_-]+)\s*=")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^\[\[?\s*([^\]]+?)\s*\]")]
    private static partial Regex TableHeader();
}
