using System.Text;

namespace CovalentBond.Publishing.Revisions;

/// <summary>
/// A unified diff of two texts by line, as <c>diff -u</c> prints it (three lines of context). The common start and end
/// are set aside first; the middle is compared by longest common subsequence, and past <see cref="MaxMiddleCells"/>
/// (two rewritten posts of thousands of lines each) it is shown as replaced whole, so a diff never costs more than a
/// few megabytes.
/// </summary>
public static class LineDiff
{
    public const long MaxMiddleCells = 4_000_000;

    private const int Context = 3;

    public static string Unified(string before, string after, string beforeName, string afterName)
    {
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return "";
        }

        var text = new StringBuilder().Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        var changes = Enumerable.Range(0, edits.Count).Where(k => edits[k].Kind != ' ').ToList();
        var first = 0;
        while (first < changes.Count)
        {
            // A hunk: the changes less than two contexts apart, with three lines of context around them.
            var last = first;
            while (last + 1 < changes.Count && changes[last + 1] - changes[last] <= 2 * Context)
            {
                last++;
            }

            var start = Math.Max(0, changes[first] - Context);
            var end = Math.Min(edits.Count, changes[last] + Context + 1);
            var (lineA, lineB) = Positions(edits, start);
            var countA = edits.Skip(start).Take(end - start).Count(e => e.Kind != '+');
            var countB = edits.Skip(start).Take(end - start).Count(e => e.Kind != '-');
            text.Append("@@ -").Append(lineA + (countA == 0 ? 0 : 1)).Append(',').Append(countA)
                .Append(" +").Append(lineB + (countB == 0 ? 0 : 1)).Append(',').Append(countB).Append(" @@\n");
            for (var k = start; k < end; k++)
            {
                text.Append(edits[k].Kind).Append(edits[k].Line).Append('\n');
            }

            first = last + 1;
        }

        return text.ToString();
    }

    private static (int A, int B) Positions(List<(char Kind, string Line)> edits, int upTo)
    {
        int a = 0, b = 0;
        for (var k = 0; k < upTo; k++)
        {
            a += edits[k].Kind != '+' ? 1 : 0;
            b += edits[k].Kind != '-' ? 1 : 0;
        }

        return (a, b);
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private static List<(char Kind, string Line)> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = new List<(char, string)>(a.Length + b.Length);
        edits.AddRange(a.Take(prefix).Select(l => (' ', l)));
        var midA = a[prefix..(a.Length - suffix)];
        var midB = b[prefix..(b.Length - suffix)];
        if ((long)midA.Length * midB.Length > MaxMiddleCells)
        {
            edits.AddRange(midA.Select(l => ('-', l)));
            edits.AddRange(midB.Select(l => ('+', l)));
        }
        else
        {
            edits.AddRange(Middle(midA, midB));
        }

        edits.AddRange(a[(a.Length - suffix)..].Select(l => (' ', l)));
        return edits;
    }

    /// <summary>The longest common subsequence's edits, by dynamic programming from the end.</summary>
    private static IEnumerable<(char, string)> Middle(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                yield return (' ', a[x]);
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                yield return ('+', b[y++]);
            }
            else
            {
                yield return ('-', a[x++]);
            }
        }
    }
}
