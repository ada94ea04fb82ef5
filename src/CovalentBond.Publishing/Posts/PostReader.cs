using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Site;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// Reads a post source (UTF-8 Markdown with YAML front matter) into a <see cref="Post"/>, reporting
/// every problem at once with its line number and field.
/// </summary>
public sealed partial class PostReader(SiteOptions site)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] SubtitleKeys = ["subtitle", "description", "summary"];

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[T ](?<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?))?\s*(?<offset>Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>Reads a post from its raw bytes.</summary>
    /// <param name="content">The uploaded file.</param>
    /// <param name="fileName">The file or blob name, used for the slug when the front matter has none.</param>
    /// <param name="requestedSlug">A slug the caller chose (the URL of a PUT); wins over the file name.</param>
    public PostParseResult Read(ReadOnlySpan<byte> content, string? fileName = null, string? requestedSlug = null)
    {
        if (content.Length > site.MaxPostBytes)
        {
            return PostParseResult.Invalid(new PostProblem(null, null,
                $"the file is {content.Length:N0} bytes; posts may be at most {site.MaxPostBytes:N0} bytes"));
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        if (content.IndexOf((byte)0) is var nul and >= 0)
        {
            return PostParseResult.Invalid(new PostProblem(null, null,
                $"the file contains a NUL byte at offset {nul}; a post must be UTF-8 text"));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            return PostParseResult.Invalid(new PostProblem(null, null,
                $"the file is not valid UTF-8 (bad byte at offset {ex.Index}); save it as UTF-8"));
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return ReadText(text, fileName, requestedSlug);
    }

    private PostParseResult ReadText(string text, string? fileName, string? requestedSlug)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return PostParseResult.Invalid(new PostProblem(1, null,
                "a post must start with a '---' line opening its YAML front matter"));
        }

        var closing = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (closing < 0)
        {
            return PostParseResult.Invalid(new PostProblem(1, null,
                "the front matter opened on line 1 is never closed with a '---' line"));
        }

        var yamlText = string.Join('\n', lines[1..closing]);
        var body = string.Join('\n', lines[(closing + 1)..]).TrimStart('\n');

        var problems = new List<PostProblem>();
        var fields = ParseYaml(yamlText, problems);
        if (fields is null)
        {
            return PostParseResult.Invalid(problems);
        }

        var title = RequiredText(fields, "title", problems);
        var date = ReadDate(fields, "date", problems);
        var author = OptionalText(fields, "author", problems);
        string? subtitle = null;
        foreach (var key in SubtitleKeys)
        {
            subtitle ??= OptionalText(fields, key, problems);
        }

        var tags = ReadTags(fields, problems);
        var draft = ReadBoolean(fields, "draft", problems);
        var publishDate = fields.ContainsKey("publishDate") ? ReadDate(fields, "publishDate", problems) : null;
        var expiryDate = fields.ContainsKey("expiryDate") ? ReadDate(fields, "expiryDate", problems) : null;
        var lastmod = fields.ContainsKey("lastmod") ? ReadDate(fields, "lastmod", problems) : null;
        var image = ReadImage(fields, problems);
        var imageAlt = OptionalText(fields, "imageAlt", problems);
        if (image is not null && imageAlt is null && problems.All(p => p.Field != "imageAlt"))
        {
            problems.Add(new PostProblem(fields["image"].Line, "imageAlt", "is required when there is an image (describe it for readers who cannot see it)"));
        }

        if (expiryDate is { } expiry && (publishDate ?? date) is { } start && expiry <= start)
        {
            problems.Add(new PostProblem(fields["expiryDate"].Line, "expiryDate", "must be after the date the post is published"));
        }

        var aliases = ReadAliases(fields, problems);
        var slug = ResolveSlug(fields, fileName, requestedSlug, title, problems);

        var known = new HashSet<string>(
            ["title", "date", "author", "tags", "slug", "draft", "publishDate", "expiryDate", "lastmod", "image", "imageAlt", "aliases", .. SubtitleKeys],
            StringComparer.Ordinal);
        var others = fields
            .Where(f => !known.Contains(f.Key))
            .ToDictionary(f => f.Key, f => f.Value.Node is YamlScalarNode s ? s.Value ?? string.Empty : f.Value.Node.ToString(), StringComparer.Ordinal);

        if (problems.Count > 0 || title is null || date is null || slug is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new PostProblem(null, null, "the post could not be read"));
            }

            return PostParseResult.Invalid(problems.OrderBy(p => p.Line ?? 0).ToList());
        }

        return PostParseResult.Valid(new Post
        {
            Slug = slug,
            Title = title,
            Date = date.Value,
            Author = author,
            Subtitle = subtitle,
            Tags = tags,
            Draft = draft,
            PublishDate = publishDate,
            ExpiryDate = expiryDate,
            LastModified = lastmod,
            Image = image,
            ImageAlt = imageAlt,
            Aliases = aliases,
            Body = body,
            OtherFields = others,
        });
    }

    private sealed record Field(YamlNode Node, int Line);

    private static Dictionary<string, Field>? ParseYaml(string yamlText, List<PostProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            problems.Add(new PostProblem(FileLine(ex.Start.Line), null, $"the front matter is not valid YAML: {message}"));
            return null;
        }

        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0)
        {
            return fields;
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

            fields[key] = new Field(valueNode, FileLine(keyNode.Start.Line));
        }

        return fields;
    }

    // YAML lines count from the line after the opening '---'.
    private static int FileLine(long yamlLine) => (int)Math.Max(1, yamlLine) + 1;

    private static string? OptionalText(Dictionary<string, Field> fields, string key, List<PostProblem> problems)
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

        var value = scalar.Value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string? RequiredText(Dictionary<string, Field> fields, string key, List<PostProblem> problems)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            problems.Add(new PostProblem(null, key, "is required"));
            return null;
        }

        var value = OptionalText(fields, key, problems);
        if (value is null && problems.All(p => p.Field != key))
        {
            problems.Add(new PostProblem(field.Line, key, "must not be empty"));
        }

        return value;
    }

    private DateTimeOffset? ReadDate(Dictionary<string, Field> fields, string key, List<PostProblem> problems)
    {
        var text = RequiredText(fields, key, problems);
        if (text is null)
        {
            return null;
        }

        var line = fields[key].Line;
        var match = IsoDate().Match(text);
        if (!match.Success)
        {
            problems.Add(new PostProblem(line, key, $"'{text}' is not a date (write 2025-05-20 or 2025-05-20T09:30:00+02:00)"));
            return null;
        }

        var iso = match.Groups["date"].Value + "T" + (match.Groups["time"].Success ? match.Groups["time"].Value : "00:00");
        if (!DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problems.Add(new PostProblem(line, key, $"'{text}' is not a date that exists"));
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (match.Groups["offset"].Success)
        {
            var offsetText = match.Groups["offset"].Value;
            var offset = offsetText == "Z" ? TimeSpan.Zero : ParseOffset(offsetText);
            if (offset is null)
            {
                problems.Add(new PostProblem(line, key, $"'{offsetText}' is not a valid UTC offset"));
                return null;
            }

            return new DateTimeOffset(local, offset.Value);
        }

        var zone = site.GetTimeZone();
        if (zone.IsInvalidTime(local))
        {
            problems.Add(new PostProblem(line, key, $"'{text}' does not exist in {site.TimeZone} (the clocks skip it); give an offset"));
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static bool ReadBoolean(Dictionary<string, Field> fields, string key, List<PostProblem> problems)
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

    private static string? ReadImage(Dictionary<string, Field> fields, List<PostProblem> problems)
    {
        var text = OptionalText(fields, "image", problems);
        if (text is null)
        {
            return null;
        }

        var isSitePath = text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.Contains("..", StringComparison.Ordinal);
        var isWebUrl = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        if (!isSitePath && !isWebUrl)
        {
            problems.Add(new PostProblem(fields["image"].Line, "image", $"'{text}' must be an http(s) address or a path on the site starting with '/'"));
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"^/(?:[A-Za-z0-9._~%-]+/)*(?:[A-Za-z0-9._~%-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPath();

    /// <summary>Folders whose pages the site writes itself: an alias there would overwrite one (a post's old address under /posts/ is allowed).</summary>
    private static readonly string[] ReservedFolders = ["/assets/", "/tags/", "/archives/", "/sitemaps/"];

    private static List<string> ReadAliases(Dictionary<string, Field> fields, List<PostProblem> problems)
    {
        var aliases = new List<string>();
        foreach (var (text, line) in ListEntries(fields, "aliases", splitCommas: false))
        {
            var path = text?.Trim();
            if (string.IsNullOrEmpty(path) || !AliasPath().IsMatch(path) || path.Split('/').Any(s => s is "." or ".."))
            {
                problems.Add(new PostProblem(line, "aliases", $"'{text}' must be a path on the site such as /2025/05/old-name/"));
                continue;
            }

            // Aliases are folders: /old/name and /old/name/ are the same address.
            var normalized = path.EndsWith('/') ? path : path + "/";
            if (normalized == "/" || ReservedFolders.Any(f => normalized.StartsWith(f, StringComparison.Ordinal)))
            {
                problems.Add(new PostProblem(line, "aliases", $"'{text}' would replace a page the site needs"));
                continue;
            }

            if (!aliases.Contains(normalized))
            {
                aliases.Add(normalized);
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
        if (hours > 14 || minutes > 59)
        {
            return null;
        }

        return sign * new TimeSpan(hours, minutes, 0);
    }

    /// <summary>
    /// The entries of a list field with their lines: a YAML sequence, or one scalar (split on commas
    /// when <paramref name="splitCommas"/>). A null entry is one that is not plain text.
    /// </summary>
    private static IEnumerable<(string? Text, int Line)> ListEntries(Dictionary<string, Field> fields, string key, bool splitCommas)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            return [];
        }

        return field.Node switch
        {
            YamlSequenceNode sequence => sequence.Children.Select(n => ((n as YamlScalarNode)?.Value, FileLine(n.Start.Line))),
            YamlScalarNode scalar when splitCommas => (scalar.Value ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => ((string?)t, field.Line)),
            YamlScalarNode scalar => [(scalar.Value, field.Line)],
            _ => [(null, field.Line)],
        };
    }

    private static List<Tag> ReadTags(Dictionary<string, Field> fields, List<PostProblem> problems)
    {
        var tags = new List<Tag>();
        foreach (var (entry, line) in ListEntries(fields, "tags", splitCommas: true))
        {
            if (entry is null)
            {
                problems.Add(new PostProblem(line, "tags", "each tag must be plain text"));
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

    private static string? ResolveSlug(
        Dictionary<string, Field> fields, string? fileName, string? requestedSlug, string? title, List<PostProblem> problems)
    {
        if (fields.TryGetValue("slug", out var field))
        {
            var slug = OptionalText(fields, "slug", problems);
            if (slug is null)
            {
                return null;
            }

            if (!Slug.IsValid(slug))
            {
                problems.Add(new PostProblem(field.Line, "slug",
                    $"'{slug}' may use only lowercase a-z, digits and single dashes, at most {Slug.MaxLength} characters"));
                return null;
            }

            if (requestedSlug is not null && slug != requestedSlug)
            {
                problems.Add(new PostProblem(field.Line, "slug", $"'{slug}' differs from the slug in the address, '{requestedSlug}'"));
                return null;
            }

            return slug;
        }

        if (requestedSlug is not null)
        {
            return requestedSlug;
        }

        if (fileName is not null && Slug.FromFileName(fileName) is { } fromFile)
        {
            return fromFile;
        }

        return title is null ? null : Slug.FromTitle(title) ?? "post";
    }
}
