using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Shortcodes;

/// <summary>
/// Template tags where Markdown wants an address: <c>[text]({{&lt; ref "other.md" &gt;}})</c>,
/// <c>[text]({% post_url 2010-07-21-name %})</c>, <c>![x]({{ site.baseurl }}/img/x.png)</c>. Markdown cannot read
/// a destination with spaces, so these are resolved in the text before it is parsed: references become the other
/// post's address, the old site's base URL becomes nothing (addresses are site-relative here), and any other
/// variable is dropped with a warning. Code (fences, indented blocks, code spans) is left as written.
/// </summary>
internal static partial class LinkDestinations
{
    /// <summary>Whether <paramref name="markdown"/> may hold such a destination (the cheap test before the work).</summary>
    public static bool MayHold(string markdown) =>
        markdown.Contains("](", StringComparison.Ordinal) && (markdown.Contains("{{", StringComparison.Ordinal) || markdown.Contains("{%", StringComparison.Ordinal));

    public static string Resolve(string markdown, int firstLine, Pages.Permalink articles, List<PostProblem> warnings, List<PostReference> references)
    {
        var output = new StringBuilder(markdown.Length);
        var inFence = false;
        string? fence = null;
        var lines = markdown.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length <= 3 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                var marker = trimmed[..3];
                if (!inFence)
                {
                    (inFence, fence) = (true, marker);
                }
                else if (marker == fence)
                {
                    inFence = false;
                }
            }
            else if (!inFence && !line.StartsWith("    ", StringComparison.Ordinal) && !line.StartsWith('\t'))
            {
                line = Destination().Replace(line, match => Replace(match, line, firstLine + index, articles, warnings, references));
            }

            output.Append(line);
            if (index < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        return output.ToString();
    }

    private static string Replace(Match match, string line, int lineNumber, Pages.Permalink articles, List<PostProblem> warnings, List<PostReference> references)
    {
        // Inside a code span (an odd number of backticks before it on the line): as written.
        if (line.AsSpan(0, match.Index).Count('`') % 2 == 1)
        {
            return match.Value;
        }

        var destination = match.Groups["destination"].Value;
        var resolved = Tag().Replace(destination, tag =>
        {
            var read = ShortcodeTag.TryRead(tag.Value, 0, tag.Value.Length, out _);
            if (read is { Syntax: ShortcodeSyntax.LiquidOutput, Name: "site.baseurl" or "site.url" })
            {
                return string.Empty;
            }

            if (read is not null && read.BaseName is "ref" or "relref" or "post_url" or "link" && ShortcodeOutput.ReferenceUrl(read, articles) is { } url)
            {
                if (ShortcodeOutput.ReferenceSlug(read, articles) is { } slug)
                {
                    references.Add(new PostReference(slug, read.Text, lineNumber));
                }

                return url;
            }

            warnings.Add(new PostProblem(lineNumber, "shortcode", $"'{tag.Value}' in a link's address is not something the site can resolve: it is left out"));
            return string.Empty;
        });
        return "](" + resolved.Trim() + ")";
    }

    /// <summary><c>](</c>, an address holding a template tag, <c>)</c>.</summary>
    [GeneratedRegex(@"\]\((?<destination>[^()\n]*?(?:\{\{|\{%)[^()\n]*?)\)")]
    private static partial Regex Destination();

    [GeneratedRegex(@"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}")]
    private static partial Regex Tag();
}
