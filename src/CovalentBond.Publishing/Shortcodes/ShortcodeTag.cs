using System.Text;

namespace CovalentBond.Publishing.Shortcodes;

/// <summary>How a template tag was written.</summary>
public enum ShortcodeSyntax
{
    /// <summary>Hugo: <c>{{&lt; name args &gt;}}</c>.</summary>
    HugoAngle,

    /// <summary>Hugo: <c>{{% name args %}}</c> (the inner text is Markdown).</summary>
    HugoPercent,

    /// <summary>Jekyll (Liquid): <c>{% name args %}</c>.</summary>
    LiquidTag,

    /// <summary>Jekyll (Liquid): <c>{{ site.variable }}</c>, an output of the site's template.</summary>
    LiquidOutput,
}

/// <summary>
/// One Hugo shortcode or Liquid tag as written in a post: its name (<c>/name</c> and <c>endname</c> close a pair),
/// its positional and named arguments, and the exact text, for messages.
/// </summary>
public sealed record ShortcodeTag(ShortcodeSyntax Syntax, string Name, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Named, string Text)
{
    /// <summary>The longest tag read (arguments included): longer text is not a tag.</summary>
    public const int MaxLength = 2_000;

    /// <summary>Hugo's escape for writing a shortcode literally: <c>{{&lt;/* name */&gt;}}</c>. Its text, as it should read.</summary>
    public string? LiteralText { get; init; }

    /// <summary>True for <c>{{&lt; /name &gt;}}</c> and <c>{% endname %}</c>.</summary>
    public bool IsClosing => Name.StartsWith('/') || (Syntax == ShortcodeSyntax.LiquidTag && Name.StartsWith("end", StringComparison.Ordinal) && Name.Length > 3);

    /// <summary>The name without its closing mark.</summary>
    public string BaseName => Name.StartsWith('/') ? Name[1..] : IsClosing ? Name[3..] : Name;

    /// <summary>A named argument, else the positional one at <paramref name="position"/>.</summary>
    public string? Argument(string name, int position = -1) =>
        Named.TryGetValue(name, out var value) ? value : position >= 0 && position < Positional.Count ? Positional[position] : null;

    /// <summary>Reads the tag that starts at <paramref name="start"/> of <paramref name="text"/>, if one does; <paramref name="length"/> is how much it takes.</summary>
    public static ShortcodeTag? TryRead(string text, int start, int end, out int length)
    {
        length = 0;
        var rest = text.AsSpan(start, Math.Min(end, text.Length) - start);
        var (open, close, syntax) = rest switch
        {
            _ when rest.StartsWith("{{<") => ("{{<", ">}}", ShortcodeSyntax.HugoAngle),
            _ when rest.StartsWith("{{%") => ("{{%", "%}}", ShortcodeSyntax.HugoPercent),
            _ when rest.StartsWith("{%") => ("{%", "%}", ShortcodeSyntax.LiquidTag),
            _ when rest.StartsWith("{{") => ("{{", "}}", ShortcodeSyntax.LiquidOutput),
            _ => (null, null, default),
        };
        if (open is null || close is null)
        {
            return null;
        }

        var window = rest[..Math.Min(rest.Length, MaxLength)];
        var closeAt = window[open.Length..].IndexOf(close);
        if (closeAt < 0)
        {
            return null;
        }

        length = open.Length + closeAt + close.Length;
        var inner = window.Slice(open.Length, closeAt).ToString();
        // Liquid's whitespace control: {%- … -%}, {{- … -}}.
        if (syntax is ShortcodeSyntax.LiquidTag or ShortcodeSyntax.LiquidOutput)
        {
            inner = inner.TrimStart('-').TrimEnd('-');
        }

        inner = inner.Trim();
        var whole = rest[..length].ToString();
        if (inner.StartsWith("/*", StringComparison.Ordinal) && inner.EndsWith("*/", StringComparison.Ordinal))
        {
            // {{</* figure src="x" */>}} is how Hugo writes a shortcode that is not to run.
            var literal = open + " " + inner[2..^2].Trim() + " " + close;
            return new ShortcodeTag(syntax, string.Empty, [], new Dictionary<string, string>(), whole) { LiteralText = literal };
        }

        if (syntax == ShortcodeSyntax.LiquidOutput)
        {
            // {{ site.baseurl }}, {{ page.title | upcase }}: a variable, perhaps with filters.
            var name = inner.Split('|')[0].Trim();
            return IsVariable(name) ? new ShortcodeTag(syntax, name, [], new Dictionary<string, string>(), whole) : null;
        }

        var words = Arguments(inner);
        if (words.Count == 0 || !IsName(words[0].Value) || words[0].Key is not null)
        {
            return null;
        }

        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in words.Skip(1))
        {
            if (key is null)
            {
                positional.Add(value);
            }
            else
            {
                named[key] = value;
            }
        }

        return new ShortcodeTag(syntax, words[0].Value, positional, named, whole);
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || (name[0] == '/' && name.Length > 1))
        && name.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/');

    private static bool IsVariable(string name) =>
        name.Length is > 0 and <= 128 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']' or '"' or '\'');

    /// <summary>The words of a tag: <c>name</c>, <c>"quoted words"</c>, <c>key=value</c>, <c>key="quoted"</c>, <c>key: value</c> (Liquid).</summary>
    private static List<KeyValuePair<string?, string>> Arguments(string inner)
    {
        var words = new List<KeyValuePair<string?, string>>();
        var i = 0;
        while (i < inner.Length)
        {
            while (i < inner.Length && char.IsWhiteSpace(inner[i]))
            {
                i++;
            }

            if (i >= inner.Length)
            {
                break;
            }

            string? key = null;
            var wordStart = i;
            while (i < inner.Length && !char.IsWhiteSpace(inner[i]) && inner[i] is not ('=' or '"' or '\'' or '`'))
            {
                i++;
            }

            if (i < inner.Length && inner[i] == '=' && i > wordStart)
            {
                key = inner[wordStart..i];
                i++;
            }
            else
            {
                i = wordStart;
            }

            words.Add(new(key, ReadValue(inner, ref i)));
        }

        return words;
    }

    private static string ReadValue(string inner, ref int i)
    {
        if (i < inner.Length && inner[i] is '"' or '\'' or '`')
        {
            var quote = inner[i];
            var value = new StringBuilder();
            i++;
            while (i < inner.Length && inner[i] != quote)
            {
                if (inner[i] == '\\' && quote == '"' && i + 1 < inner.Length)
                {
                    i++;
                }

                value.Append(inner[i]);
                i++;
            }

            i = Math.Min(inner.Length, i + 1);
            return value.ToString();
        }

        var start = i;
        while (i < inner.Length && !char.IsWhiteSpace(inner[i]))
        {
            i++;
        }

        return inner[start..i];
    }
}
