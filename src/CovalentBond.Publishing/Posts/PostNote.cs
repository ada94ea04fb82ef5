using CovalentBond.Publishing.Site;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>A dated note on a post: a correction (front matter <c>corrections</c>) or an update (<c>updated</c>).</summary>
/// <param name="Date">When the post was corrected or updated, with the offset it was written in (or the site's zone).</param>
/// <param name="Text">What changed, as plain text.</param>
public sealed record PostNote(DateTimeOffset Date, string Text);

/// <summary>
/// Reads a post's dated notes: a list of <c>date</c> + <c>text</c> mappings. Each problem names the entry's line.
/// A correction is a note every reader is owed: it is on the article, in its structured data and on <c>/corrections/</c>.
/// </summary>
internal static class PostNotes
{
    /// <summary>The notes under <paramref name="key"/>, oldest first; empty when the field is absent.</summary>
    /// <param name="postDate">The post's date: a note dated before it is refused.</param>
    public static IReadOnlyList<PostNote> Read(Dictionary<string, FrontMatterField> fields, string key, DateTimeOffset? postDate, List<PostProblem> problems, SiteOptions site)
    {
        if (!fields.TryGetValue(key, out var field) || field.Node is YamlScalarNode scalar && FrontMatterFields.IsNull(scalar))
        {
            return [];
        }

        if (field.Node is not YamlSequenceNode entries)
        {
            problems.Add(new PostProblem(field.Line, key, "must be a list of entries, each with a date and a text (- date: 2025-05-20T09:30:00+02:00, text: …)"));
            return [];
        }

        if (entries.Children.Count > PostLimits.NoteCount)
        {
            problems.Add(new PostProblem(field.Line, key, $"lists {entries.Children.Count:N0} entries; at most {PostLimits.NoteCount} are allowed"));
            return [];
        }

        var notes = new List<PostNote>();
        foreach (var entry in entries.Children)
        {
            var line = Math.Max(field.Line, FrontMatter.FileLine(entry.Start.Line));
            if (entry is not YamlMappingNode mapping)
            {
                problems.Add(new PostProblem(line, key, "each entry must have a date and a text (date: …, text: …)"));
                continue;
            }

            var parts = mapping.Children.ToDictionary(p => (p.Key as YamlScalarNode)?.Value ?? string.Empty, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (parts.Keys.FirstOrDefault(k => k is not ("date" or "text")) is { } unknown)
            {
                problems.Add(new PostProblem(line, key, $"an entry has '{unknown}'; an entry has only a date and a text"));
                continue;
            }

            var dateText = (parts.GetValueOrDefault("date") as YamlScalarNode)?.Value?.Trim();
            var text = (parts.GetValueOrDefault("text") as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(dateText) || string.IsNullOrEmpty(text))
            {
                problems.Add(new PostProblem(line, key, "each entry needs both a date and a text"));
                continue;
            }

            if (FrontMatterFields.ParseDate(dateText, line, key, problems, site) is not { } date
                || !FrontMatterFields.CheckText(text, line, key, PostLimits.NoteLength, problems))
            {
                continue;
            }

            if (postDate is { } published && date < published)
            {
                problems.Add(new PostProblem(line, key, $"'{dateText}' is before the post's date; a note tells what changed after it was published"));
                continue;
            }

            notes.Add(new PostNote(date, text));
        }

        return notes.OrderBy(n => n.Date).ToList();
    }
}
