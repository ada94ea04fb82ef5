using System.Collections.Concurrent;
using System.Text;

namespace CovalentBond.Testing.Hostile;

/// <summary>What one hostile input did at one entry point.</summary>
public sealed record HostileOutcome(HostileInput Input, string EntryPoint)
{
    /// <summary>Refused with a clear 4xx (or the CLI's exit code 1 with file:line).</summary>
    public bool Refused { get; init; }

    public bool Published { get; init; }

    /// <summary>A 5xx answer.</summary>
    public bool ServerError { get; init; }

    /// <summary>An exception that escaped the entry point (a trigger that threw, a CLI that crashed).</summary>
    public string? Crash { get; init; }

    /// <summary>What a refused input wrote anyway (site files, index rows, sources).</summary>
    public string? PartialWrite { get; init; }

    /// <summary>A published page that carries something it must not (script, event handler, javascript: URL).</summary>
    public string? UnsafePage { get; init; }

    /// <summary>An input that is not of the kind that may publish, published.</summary>
    public bool WronglyAccepted => Published && !Input.MayPublish;

    /// <summary>The good post that followed it did not publish, or is not on the home page.</summary>
    public string? GoodPostFailed { get; init; }

    public TimeSpan? Cpu { get; init; }

    public bool OverBudget => Cpu > TimeSpan.FromSeconds(2);

    public IEnumerable<string> Violations()
    {
        if (ServerError) yield return "5xx";
        if (Crash is not null) yield return "crash: " + Crash;
        if (PartialWrite is not null) yield return "partial write: " + PartialWrite;
        if (UnsafePage is not null) yield return "unsafe page: " + UnsafePage;
        if (WronglyAccepted) yield return "published, should have been refused";
        if (GoodPostFailed is not null) yield return "good post after it: " + GoodPostFailed;
        if (OverBudget) yield return $"over budget: {Cpu!.Value.TotalSeconds:F2} s CPU";
        if (!Refused && !Published && Crash is null && !ServerError) yield return "neither refused nor published";
    }
}

/// <summary>
/// Collects outcomes and checks what every published page carries. With <c>HOSTILE_REPORT</c> set to a
/// file, each entry point appends its table (inputs / clean 4xx / 5xx / crashes / partial writes / over
/// budget, per family) for <c>docs/reliability.md</c>.
/// </summary>
public static class HostileReport
{
    private static readonly ConcurrentDictionary<string, object> FileLocks = new();

    private static readonly string[] BannedElements = ["iframe", "object", "embed", "form", "input", "button", "base", "meta", "link", "style", "template", "frame", "frameset"];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "data", "srcset", "xlink:href", "poster", "background"];

    private static readonly string[] MovingStyles = ["position", "inset", "z-index", "transform", "margin", "top:", "left:"];

    /// <summary>
    /// The first thing in a page's article that must not be there, or null: parsed as a browser parses
    /// it (AngleSharp), so text that only looks like markup does not count and markup that hides does.
    /// </summary>
    public static string? UnsafeIn(string? html)
    {
        if (html is null)
        {
            return null;
        }

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var article = document.QuerySelector("article") ?? document.Body!;
        foreach (var element in article.QuerySelectorAll("*"))
        {
            var name = element.LocalName;
            if (name == "script" && element.GetAttribute("type") != "application/ld+json")
            {
                return element.OuterHtml;
            }

            if (BannedElements.Contains(name))
            {
                return element.OuterHtml;
            }

            foreach (var attribute in element.Attributes)
            {
                var value = attribute.Value.Trim().ToLowerInvariant();
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name == "srcdoc"
                    || (UrlAttributes.Contains(attribute.Name) && (value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.Ordinal)))
                    || (attribute.Name == "style" && MovingStyles.Any(m => value.Contains(m, StringComparison.Ordinal))))
                {
                    return $"<{name} {attribute.Name}=\"{attribute.Value}\">";
                }
            }
        }

        return null;
    }

    /// <summary>The violations of every outcome, one line each, for an assertion message.</summary>
    public static string Summarize(IReadOnlyList<HostileOutcome> outcomes) =>
        string.Join('\n', outcomes.SelectMany(o => o.Violations().Select(v => $"{o.EntryPoint} {o.Input}: {v}")));

    /// <summary>Appends this entry point's table to the file named by <c>HOSTILE_REPORT</c>, if set.</summary>
    public static void Write(string entryPoint, IReadOnlyList<HostileOutcome> outcomes)
    {
        var path = Environment.GetEnvironmentVariable("HOSTILE_REPORT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine($"### {entryPoint}").AppendLine();
        text.AppendLine("| family | inputs | clean 4xx | published (made safe) | 5xx | crashes | partial writes | over budget | max CPU |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in outcomes.GroupBy(o => o.Input.Family).Append(outcomes.GroupBy(_ => "**all**").Single()))
        {
            var cpu = group.Where(o => o.Cpu is not null).Select(o => o.Cpu!.Value.TotalSeconds).DefaultIfEmpty(double.NaN).Max();
            text.AppendLine(
                $"| {group.Key} | {group.Count()} | {group.Count(o => o.Refused)} | {group.Count(o => o.Published)} | {group.Count(o => o.ServerError)} | " +
                $"{group.Count(o => o.Crash is not null)} | {group.Count(o => o.PartialWrite is not null)} | {group.Count(o => o.OverBudget)} | " +
                (double.IsNaN(cpu) ? "—" : $"{cpu:F2} s") + " |");
        }

        text.AppendLine();
        lock (FileLocks.GetOrAdd(path, _ => new object()))
        {
            File.AppendAllText(path, text.ToString());
        }
    }
}
