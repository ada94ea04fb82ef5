using System.Globalization;
using System.Text.RegularExpressions;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Sets the <c>date</c> of a post's front matter in its own syntax (YAML <c>date: …</c>, TOML <c>date = …</c>, JSON
/// <c>"date": "…"</c>), leaving every other byte as it was: what an Editor's "approve with a schedule" writes.
/// </summary>
public static partial class FrontMatterDate
{
    /// <summary>The source with its date set to <paramref name="at"/> (ISO 8601 with its offset); null when it has no front matter to set it in.</summary>
    public static string? With(string source, DateTimeOffset at)
    {
        var when = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var (open, close, line, first) = source.TrimStart('\uFEFF') switch
        {
            var s when s.StartsWith("---", StringComparison.Ordinal) => ("---", "---", $"date: {when}", YamlDate()),
            var s when s.StartsWith("+++", StringComparison.Ordinal) => ("+++", "+++", $"date = {when}", TomlDate()),
            var s when s.StartsWith('{') => ("{", "}", $"\"date\": \"{when}\",", JsonDate()),
            _ => (null, null, null, null),
        };
        if (open is null)
        {
            return null;
        }

        var start = source.IndexOf('\n', StringComparison.Ordinal) + 1;
        var end = Regex.Match(source[start..], $@"^{Regex.Escape(close!)}[ \t]*\r?$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (start == 0 || !end.Success)
        {
            return null;
        }

        var header = source[start..(start + end.Index)];
        var existing = first!.Match(header);
        if (existing.Success)
        {
            // JSON keeps the comma it had (or had not) after the value.
            var replacement = open == "{" ? $"\"date\": \"{when}\"{existing.Groups["comma"].Value}" : line!;
            header = header[..existing.Index] + existing.Groups["indent"].Value + replacement + header[(existing.Index + existing.Length)..];
        }
        else
        {
            header = line + "\n" + header;
        }

        return source[..start] + header + source[(start + end.Index)..];
    }

    [GeneratedRegex(@"^(?<indent>)date[ \t]*:[^\r\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex YamlDate();

    [GeneratedRegex(@"^(?<indent>)date[ \t]*=[^\r\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TomlDate();

    [GeneratedRegex(@"^(?<indent>[ \t]*)""date""[ \t]*:[ \t]*""[^""\r\n]*""(?<comma>[ \t]*,?)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex JsonDate();
}
