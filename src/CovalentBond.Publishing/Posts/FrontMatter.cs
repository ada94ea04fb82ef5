using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>One front matter field: its YAML value and the line of its key in the file.</summary>
internal sealed record FrontMatterField(YamlNode Node, int Line);

/// <summary>
/// Parses YAML front matter with bounded cost: before YamlDotNet builds its (recursive) node tree, a
/// flat pass over the text and one over the parser's events refuse what would overflow the stack or
/// expand without bound — nesting past <see cref="PostLimits.FrontMatterDepth"/>, anchors and aliases —
/// and duplicate keys. The tree is then built from the events that pass kept, so the text is parsed
/// once. Every error the parser can raise becomes a problem with its line.
/// </summary>
internal static partial class FrontMatter
{
    public static Dictionary<string, FrontMatterField>? Parse(string yamlText, List<PostProblem> problems)
    {
        if (Encoding.UTF8.GetByteCount(yamlText) > PostLimits.FrontMatterBytes)
        {
            problems.Add(new PostProblem(2, null, $"the front matter is larger than {PostLimits.FrontMatterBytes / 1024} KiB"));
            return null;
        }

        if (FlowDepth(yamlText) is { Depth: > PostLimits.FrontMatterDepth } deep)
        {
            problems.Add(new PostProblem(FileLine(deep.Line), null,
                $"the front matter nests lists or mappings more than {PostLimits.FrontMatterDepth} deep"));
            return null;
        }

        try
        {
            var events = new List<ParsingEvent>();
            if (CheckEvents(yamlText, events) is { } eventProblem)
            {
                problems.Add(eventProblem);
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new Replay(events));
            return Fields(stream, problems);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            problems.Add(new PostProblem(FileLine(ex.Start.Line), KeyAt(yamlText, ex.Start.Line), $"the front matter is not valid YAML: {message}"));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The parser says no position for these (an escape pairing two halves of a character wrongly): the first line
            // with a surrogate escape is where to look, else the front matter's first line.
            var escape = SurrogateEscape().Match(yamlText);
            var line = escape.Success ? 1 + yamlText.AsSpan(0, escape.Index).Count('\n') : 1;
            problems.Add(new PostProblem(FileLine(line), escape.Success ? KeyAt(yamlText, line) : null, $"the front matter is not valid YAML: {ex.Message}"));
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SurrogateEscape();

    /// <summary>
    /// The top-level key whose value holds YAML line <paramref name="yamlLine"/> (the nearest <c>key:</c> at the start of a
    /// line at or above it), so that a syntax error in a value names its field; null when there is none.
    /// </summary>
    internal static string? KeyAt(string yamlText, long yamlLine)
    {
        // Lines are read from the top, so that a line inside a quoted value spread over several lines ("…\nT10: …") is
        // never taken for a key.
        var lines = yamlText.Split('\n');
        string? key = null;
        var quote = '\0';
        for (var i = 0; i < Math.Min(Math.Max(yamlLine, 1), lines.Length); i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (quote == '\0' && colon > 0 && char.IsAsciiLetter(line[0]) && line.AsSpan(0, colon).IndexOfAnyExcept(KeyCharacters) < 0)
            {
                key = line[..colon];
            }

            quote = QuoteOpenAfter(line, quote);
        }

        return key;
    }

    /// <summary>The quote a YAML scalar is still open in at the end of <paramref name="line"/> (<c>'\0'</c>: none), from the one open at its start.</summary>
    private static char QuoteOpenAfter(string line, char open)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (open == '\0')
            {
                if (c == '#' && (i == 0 || line[i - 1] == ' '))
                {
                    return '\0';
                }

                if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or '[' or ',' or '{' or ':'))
                {
                    open = c;
                }
            }
            else if (open == '"' && c == '\\')
            {
                i++;
            }
            else if (c == open)
            {
                if (open == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i++;
                }
                else
                {
                    open = '\0';
                }
            }
        }

        return open;
    }

    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    // YAML lines count from the line after the opening '---'.
    public static int FileLine(long yamlLine) => (int)Math.Max(1, yamlLine) + 1;

    /// <summary>The deepest nesting of flow brackets outside quotes, and its line: a linear guard before any parser runs.</summary>
    internal static (int Depth, int Line) FlowDepth(string text)
    {
        int depth = 0, max = 0, line = 1, maxLine = 1;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                quote = '\0';
                continue;
            }

            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"')
                {
                    i++;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]):
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '[' or '{':
                    if (++depth > max)
                    {
                        (max, maxLine) = (depth, line);
                        if (max > PostLimits.FrontMatterDepth)
                        {
                            return (max, maxLine);
                        }
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return (max, maxLine);
    }

    /// <summary>One pass over the parser's events (the parser itself is not recursive): depth, anchors, aliases, duplicate keys.</summary>
    /// <param name="events">Receives the events read, for the node tree to be built from.</param>
    private static PostProblem? CheckEvents(string yamlText, List<ParsingEvent> events)
    {
        var parser = new Parser(new StringReader(yamlText));
        var depth = 0;
        // Keys are read as Hugo reads them, whatever their case (Date:, Slug:): two spellings of one key are a duplicate.
        var topKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var parents = new Stack<Parent>();
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            events.Add(current);
            var line = FileLine(current.Start.Line);
            if (current is AnchorAlias)
            {
                return new PostProblem(line, null, "YAML aliases (*name) are not accepted in front matter; write the value out");
            }

            if (current is NodeEvent { Anchor.IsEmpty: false })
            {
                return new PostProblem(line, null, "YAML anchors (&name) are not accepted in front matter; write the value out");
            }

            // In a mapping, nodes alternate key, value: note the top-level keys to find duplicates.
            var isKey = false;
            if (current is NodeEvent && parents.Count > 0 && parents.Peek() != Parent.Sequence)
            {
                isKey = parents.Pop() == Parent.MappingBeforeKey;
                parents.Push(isKey ? Parent.MappingBeforeValue : Parent.MappingBeforeKey);
            }

            if (isKey && depth == 1 && current is Scalar { Value: var key } && !topKeys.Add(key))
            {
                return new PostProblem(line, key, "appears twice in the front matter");
            }

            switch (current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > PostLimits.FrontMatterDepth)
                    {
                        return new PostProblem(line, null, $"the front matter nests lists or mappings more than {PostLimits.FrontMatterDepth} deep");
                    }

                    parents.Push(current is MappingStart ? Parent.MappingBeforeKey : Parent.Sequence);
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    parents.Pop();
                    break;
            }
        }

        return null;
    }

    /// <summary>The events of a parse, read again (YamlDotNet builds its nodes from any <see cref="IParser"/>).</summary>
    private sealed class Replay(List<ParsingEvent> events) : IParser
    {
        private int next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            Current = next < events.Count ? events[next++] : null;
            return Current is not null;
        }
    }

    private enum Parent
    {
        Sequence,
        MappingBeforeKey,
        MappingBeforeValue,
    }

    private static Dictionary<string, FrontMatterField>? Fields(YamlStream stream, List<PostProblem> problems)
    {
        var fields = new Dictionary<string, FrontMatterField>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0)
        {
            return fields;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(new PostProblem(2, null, "the front matter holds more than one YAML document ('---' inside it)"));
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new PostProblem(2, null, "the front matter must be a list of 'key: value' lines"));
            return null;
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (string.IsNullOrEmpty(key))
            {
                problems.Add(new PostProblem(FileLine(keyNode.Start.Line), null, "a front matter key must be plain text"));
                continue;
            }

            fields[key] = new FrontMatterField(valueNode, FileLine(keyNode.Start.Line));
        }

        return fields;
    }
}
