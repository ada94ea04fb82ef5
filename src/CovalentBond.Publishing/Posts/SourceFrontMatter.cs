using System.Text;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// A post source's front matter as data, read with the same bounds as a publish (YAML, TOML or JSON), and written
/// back as YAML: for tools that rewrite posts, such as <c>covalent import</c>.
/// </summary>
/// <param name="Format">YAML, TOML or JSON: what the source was written in.</param>
/// <param name="Fields">The fields in the order written, keys as written.</param>
/// <param name="Body">The text after the front matter.</param>
public sealed record SourceFrontMatter(string Format, IReadOnlyList<KeyValuePair<string, YamlNode>> Fields, string Body)
{
    /// <summary>Reads a source's front matter, or says what is wrong with it (<c>line: message</c>).</summary>
    public static SourceFrontMatter? Read(string text, out IReadOnlyList<PostProblem> problems)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var found = new List<PostProblem>();
        problems = found;
        var parts = SourceParts.Split(text, out var splitProblem);
        if (parts is null)
        {
            found.Add(splitProblem!);
            return null;
        }

        var fields = parts.Format == "TOML" ? TomlFrontMatter.Parse(parts.FrontMatter, found) : FrontMatter.Parse(parts.FrontMatter, found);
        return fields is null ? null : new SourceFrontMatter(parts.Format, fields.Select(f => KeyValuePair.Create(f.Key, f.Value.Node)).ToList(), parts.Body);
    }

    /// <summary>A post source: <paramref name="fields"/> as YAML front matter between <c>---</c> lines, then <paramref name="body"/>.</summary>
    public static string Write(IEnumerable<KeyValuePair<string, YamlNode>> fields, string body)
    {
        var mapping = new YamlMappingNode();
        foreach (var (key, value) in fields)
        {
            mapping.Add(new YamlScalarNode(key), value);
        }

        var yaml = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(mapping)).Save(yaml, assignAnchors: false);
        var text = yaml.ToString().TrimEnd();
        if (text.EndsWith("...", StringComparison.Ordinal))
        {
            text = text[..^3].TrimEnd();
        }

        var source = new StringBuilder("---\n").Append(text).Append("\n---\n");
        if (body.Length > 0)
        {
            source.Append('\n').Append(body.TrimStart('\n'));
            if (!body.EndsWith('\n'))
            {
                source.Append('\n');
            }
        }

        return source.ToString();
    }
}
