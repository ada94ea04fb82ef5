namespace CovalentBond.Publishing.Posts;

/// <summary>
/// A post source split into its front matter and its body, before the front matter is read: YAML between
/// <c>---</c> lines, TOML between <c>+++</c> lines (Hugo, Zola), or a JSON object whose closing brace stands on a
/// line of its own (Hugo).
/// </summary>
/// <param name="Format">YAML, TOML or JSON.</param>
/// <param name="FrontMatter">The front matter's text: between the fences (YAML, TOML), or the whole object (JSON).</param>
/// <param name="Body">The Markdown after the front matter, blank lines before it dropped.</param>
/// <param name="BodyLine">The line of the file the body starts on.</param>
internal sealed record SourceParts(string Format, string FrontMatter, string Body, int BodyLine)
{
    /// <summary>Splits <paramref name="text"/> (line ends already <c>\n</c>), reading it line by line only as far as the front matter goes.</summary>
    public static SourceParts? Split(string text, out PostProblem? problem)
    {
        problem = null;
        var firstEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstEnd < 0)
        {
            firstEnd = text.Length;
        }

        var opening = text.AsSpan(0, firstEnd).TrimEnd();
        var format = opening switch { "---" => "YAML", "+++" => "TOML", "{" => "JSON", _ => null };
        if (format is null)
        {
            problem = new PostProblem(1, null, "a post must start with its front matter: a '---' line (YAML), a '+++' line (TOML) or a '{' line (JSON)");
            return null;
        }

        var (closing, closingStart, closingEnd) = FindClosing(text, firstEnd, format);
        if (closing < 0)
        {
            var closer = format switch { "TOML" => "'+++' line", "JSON" => "'}' line", _ => "'---' line" };
            problem = new PostProblem(1, null, $"the {format} front matter opened on line 1 is never closed with a {closer}");
            return null;
        }

        var afterFrontMatter = closingEnd == text.Length ? string.Empty : text[(closingEnd + 1)..];
        var body = afterFrontMatter.TrimStart('\n');
        var bodyLine = closing + 2 + (afterFrontMatter.Length - body.Length);
        var frontMatter = format == "JSON"
            ? text[..closingEnd]
            : closing == 1 ? string.Empty : text[(firstEnd + 1)..(closingStart - 1)];
        return new SourceParts(format, frontMatter, body, bodyLine);
    }

    /// <summary>The index, start and end of the line that closes the front matter; -1 when none does.</summary>
    private static (int Index, int Start, int End) FindClosing(string text, int firstEnd, string format)
    {
        if (firstEnd == text.Length)
        {
            return (-1, 0, 0);
        }

        var start = firstEnd + 1;
        for (var index = 1; ; index++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsSpan(start, end - start).TrimEnd();
            var closes = format switch
            {
                "TOML" => line is "+++",
                "JSON" => line is "}",
                _ => line is "---" or "...",
            };
            if (closes)
            {
                return (index, start, end);
            }

            if (end == text.Length)
            {
                return (-1, 0, 0);
            }

            start = end + 1;
        }
    }
}
