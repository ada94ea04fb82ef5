using System.Globalization;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Site;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// Reads typed values out of parsed front matter: text with its length and character limits, dates in
/// the site's zone and the stores' range, booleans, the image address, tags and aliases. Each reader
/// adds a problem with the field's line instead of throwing.
/// </summary>
internal static partial class FrontMatterFields
{
    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ](?<time>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?))?\s*(?<offset>Z|[+-][0-9]{2}:?[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    public static string? OptionalText(Dictionary<string, FrontMatterField> fields, string key, List<PostProblem> problems, int maxLength = int.MaxValue)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            return null;
        }

        if (field.Node is not YamlScalarNode scalar)
        {
            problems.Add(new PostProblem(field.Line, key, "must be text, not a list or a mapping"));
            return null;
        }

        var value = IsNull(scalar) ? null : scalar.Value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return CheckText(value, field.Line, key, maxLength, problems) ? value : null;
    }

    /// <summary>YAML's null (<c>~</c>, <c>null</c>, nothing) is no value, not the text "~".</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True when <paramref name="value"/> fits the field's length and holds only characters pages and feeds can carry.</summary>
    public static bool CheckText(string value, int line, string key, int maxLength, List<PostProblem> problems)
    {
        if (value.Length > maxLength)
        {
            problems.Add(new PostProblem(line, key, $"is {value.Length:N0} characters long; at most {maxLength:N0} are allowed"));
            return false;
        }

        if (PostText.Problem(value) is { } forbidden)
        {
            problems.Add(new PostProblem(line, key, forbidden));
            return false;
        }

        return true;
    }

    public static string? RequiredText(Dictionary<string, FrontMatterField> fields, string key, List<PostProblem> problems, int maxLength = int.MaxValue)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            problems.Add(new PostProblem(null, key, "is required"));
            return null;
        }

        var value = OptionalText(fields, key, problems, maxLength);
        if (value is null && problems.All(p => p.Field != key))
        {
            problems.Add(new PostProblem(field.Line, key, "must not be empty"));
        }

        return value;
    }

    public static DateTimeOffset? ReadDate(Dictionary<string, FrontMatterField> fields, string key, List<PostProblem> problems, SiteOptions site)
    {
        var text = RequiredText(fields, key, problems, 64);
        return text is null ? null : ParseDate(text, fields[key].Line, key, problems, site);
    }

    /// <summary>A date written as text on <paramref name="line"/>, read as <see cref="ReadDate"/> reads a field's.</summary>
    public static DateTimeOffset? ParseDate(string text, int line, string key, List<PostProblem> problems, SiteOptions site)
    {
        var match = IsoDate().Match(text);
        if (!match.Success)
        {
            problems.Add(new PostProblem(line, key, $"'{text}' is not a date (write 2025-05-20 or 2025-05-20T09:30:00+02:00)"));
            return null;
        }

        // Jekyll writes one-digit hours (2014-12-12 9:32): padded to ISO's two.
        var time = match.Groups["time"].Success ? match.Groups["time"].Value : "00:00";
        var iso = match.Groups["date"].Value + "T" + (time.IndexOf(':', StringComparison.Ordinal) == 1 ? "0" + time : time);
        if (!DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problems.Add(new PostProblem(line, key, $"'{text}' is not a date that exists"));
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // Checked on the local time first: a zone's offset applied to a date at the calendar's ends would overflow.
        if (local < PostLimits.EarliestDate.DateTime || local > PostLimits.LatestDate.DateTime)
        {
            return InRange(null, text, line, key, problems);
        }

        if (match.Groups["offset"].Success)
        {
            var offsetText = match.Groups["offset"].Value;
            var offset = offsetText == "Z" ? TimeSpan.Zero : ParseOffset(offsetText);
            if (offset is null)
            {
                problems.Add(new PostProblem(line, key, $"'{offsetText}' is not a valid UTC offset"));
                return null;
            }

            return InRange(new DateTimeOffset(local, offset.Value), text, line, key, problems);
        }

        var zone = site.GetTimeZone();
        if (zone.IsInvalidTime(local))
        {
            problems.Add(new PostProblem(line, key, $"'{text}' does not exist in {site.TimeZone} (the clocks skip it); give an offset"));
            return null;
        }

        return InRange(new DateTimeOffset(local, zone.GetUtcOffset(local)), text, line, key, problems);
    }

    /// <summary>A date the stores can keep: Azure Tables hold no date before 1601, and no zone may push it past the calendar.</summary>
    private static DateTimeOffset? InRange(DateTimeOffset? date, string text, int line, string key, List<PostProblem> problems)
    {
        if (date is null || date < PostLimits.EarliestDate || date > PostLimits.LatestDate)
        {
            problems.Add(new PostProblem(line, key, $"'{text}' is outside the dates a post may carry (1601-01-02 to 9999-12-29)"));
            return null;
        }

        return date;
    }

    public static bool ReadBoolean(Dictionary<string, FrontMatterField> fields, string key, List<PostProblem> problems)
    {
        var text = OptionalText(fields, key, problems);
        switch (text?.ToLowerInvariant())
        {
            case null or "false" or "no":
                return false;
            case "true" or "yes":
                return true;
            default:
                problems.Add(new PostProblem(fields[key].Line, key, $"'{text}' is not true or false"));
                return false;
        }
    }

    /// <summary>An image address as text, checked: an http(s) URL, a path on the site, or an image file beside the post.</summary>
    public static string? CheckImage(string text, int line, string key, List<PostProblem> problems)
    {
        // Browsers read '\\' as '/', so "/\\evil.example/x.png" would be another host: only URL characters pass.
        // Dot segments and controls are looked for once decoded too: a browser and the static website read /%2e%2e/ as /../.
        var safeSegments = !HasDotSegmentOrControl(text) && !HasDotSegmentOrControl(Uri.UnescapeDataString(text));
        var isSitePath = ImagePath().IsMatch(text) && safeSegments;
        // A file beside the post (photo.jpg, images/photo.jpg): an image uploaded with it (Media/).
        var isBesideThePost = RelativeImagePath().IsMatch(text) && safeSegments && Media.ImageSniffer.HasImageExtension(text);
        var isWebUrl = !text.Any(c => c is '\\' or '"' or '<' or '>' || char.IsWhiteSpace(c))
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0;
        if (!isSitePath && !isWebUrl && !isBesideThePost)
        {
            problems.Add(new PostProblem(line, key, $"'{text}' must be an http(s) address, a path on the site starting with '/', or an image file beside the post"));
            return null;
        }

        return text;
    }

    private static bool HasDotSegmentOrControl(string path) =>
        path.Split('/', '\\', '?', '#').Any(s => s is "." or "..") || path.Any(c => char.IsControl(c) || c == '\\');

    [GeneratedRegex(@"^[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*(?:/[A-Za-z0-9._~%-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeImagePath();

    [GeneratedRegex(@"^/(?!/)[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ImagePath();

    /// <param name="section">What a relative alias (<c>2014/12/12/x.html</c>) is resolved against: the folder of the site's
    /// article addresses before their first token (<c>/posts/</c> for <c>/posts/:slug/</c>), as Hugo resolves one against the page's section.</param>
    public static List<string> ReadAliases(Dictionary<string, FrontMatterField> fields, List<PostProblem> problems, string section = "/")
    {
        var aliases = new List<string>();
        var entries = ListEntries(fields, "aliases", splitCommas: false).ToList();
        if (entries.Count > PostLimits.AliasCount)
        {
            problems.Add(new PostProblem(fields["aliases"].Line, "aliases", $"lists {entries.Count:N0} addresses; at most {PostLimits.AliasCount} are allowed"));
            return aliases;
        }

        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (text, line) in entries)
        {
            if (text is { Length: > PostLimits.AliasLength })
            {
                problems.Add(new PostProblem(line, "aliases", $"an address of {text.Length:N0} characters is too long; at most {PostLimits.AliasLength} are allowed"));
                continue;
            }

            // Checked once decoded, on the file the static website will serve: /%69ndex.html is the home page's file.
            if (text is null)
            {
                problems.Add(new PostProblem(line, "aliases", "each address must be plain text"));
                continue;
            }

            if (Ownership.AliasAddress.Parse(text, section, out var why) is not { } alias)
            {
                problems.Add(new PostProblem(line, "aliases", why!));
                continue;
            }

            if (alias.Url.Length > PostLimits.AliasLength)
            {
                problems.Add(new PostProblem(line, "aliases", $"'{text}' is {alias.Url.Length:N0} characters long written out; at most {PostLimits.AliasLength} are allowed"));
                continue;
            }

            if (Ownership.SiteFiles.OwnerOf(alias.File) is { } owner)
            {
                problems.Add(new PostProblem(line, "aliases", $"'{text}' is the file {alias.File}, which {owner} holds: a post cannot replace it"));
                continue;
            }

            if (files.Add(alias.File))
            {
                aliases.Add(alias.Url);
            }
        }

        return aliases;
    }

    private static TimeSpan? ParseOffset(string text)
    {
        var sign = text[0] == '-' ? -1 : 1;
        var digits = text[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        if (minutes > 59 || (hours * 60) + minutes > 14 * 60)
        {
            return null;
        }

        return sign * new TimeSpan(hours, minutes, 0);
    }

    /// <summary>
    /// The entries of a list field with their lines: a YAML sequence, or one scalar (split on commas
    /// when <paramref name="splitCommas"/>). A null entry is one that is not plain text.
    /// </summary>
    public static IEnumerable<(string? Text, int Line)> ListEntries(Dictionary<string, FrontMatterField> fields, string key, bool splitCommas)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            return [];
        }

        return field.Node switch
        {
            YamlScalarNode scalar when IsNull(scalar) => [],
            YamlSequenceNode sequence => sequence.Children.Select(n => ((n as YamlScalarNode)?.Value, FrontMatter.FileLine(n.Start.Line))),
            YamlScalarNode scalar when splitCommas => (scalar.Value ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => ((string?)t, field.Line)),
            YamlScalarNode scalar => [(scalar.Value, field.Line)],
            _ => [(null, field.Line)],
        };
    }

    /// <param name="withCategories">Jekyll's <c>categories</c> read as tags too (<see cref="Site.SiteOptions.CategoriesAsTags"/>).</param>
    public static List<Tag> ReadTags(Dictionary<string, FrontMatterField> fields, List<PostProblem> problems, bool withCategories = false)
    {
        var tags = new List<Tag>();
        var entries = ListEntries(fields, "tags", splitCommas: true)
            .Concat(withCategories ? ListEntries(fields, "categories", splitCommas: true) : [])
            .ToList();
        if (entries.Count > PostLimits.TagCount)
        {
            var key = fields.ContainsKey("tags") ? "tags" : "categories";
            problems.Add(new PostProblem(fields[key].Line, key, $"lists {entries.Count:N0} tags{(withCategories ? " and categories" : string.Empty)}; at most {PostLimits.TagCount} are allowed"));
            return tags;
        }

        foreach (var (entry, line) in entries)
        {
            if (entry is null)
            {
                problems.Add(new PostProblem(line, "tags", "each tag must be plain text"));
                continue;
            }

            if (!CheckText(entry.Trim(), line, "tags", PostLimits.TagLength, problems))
            {
                continue;
            }

            var tag = Tag.From(entry);
            if (tag is null)
            {
                problems.Add(new PostProblem(line, "tags", $"'{entry}' has no letters or digits"));
                continue;
            }

            if (tags.All(t => t.Slug != tag.Slug))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }
}
