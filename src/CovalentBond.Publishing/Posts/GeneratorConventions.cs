using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// How Jekyll and Hugo sites write what a post says, read as they read it: a date in the file name, entities
/// in titles, <c>authors</c> lists, <c>categories</c> beside tags.
/// </summary>
public static partial class GeneratorConventions
{
    /// <summary>
    /// Jekyll's date from the file name (<c>2006-04-14-hello-world.md</c>, or the bundle folder
    /// <c>2006-04-14-hello-world/index.md</c>): midnight in the site's time zone; null when the name has none.
    /// </summary>
    public static DateTimeOffset? DateFromFileName(string? fileName, SiteOptions site)
    {
        if (fileName is null)
        {
            return null;
        }

        var parts = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length >= 2 && Slug.IsBundleFile(parts[^1]) ? parts[^2] : parts.LastOrDefault() ?? string.Empty;
        var match = FileNameDate().Match(name);
        if (!match.Success || !DateTime.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var local = DateTime.SpecifyKind(day, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, site.GetTimeZone().GetUtcOffset(local));
    }

    /// <summary>
    /// HTML entities decoded (<c>CSS&amp;#039;e</c> → <c>CSS'e</c>), as WordPress exports and Jekyll themes write titles;
    /// pages encode the text again. Left as written when decoding would make a character pages cannot carry.
    /// </summary>
    public static string? DecodeEntities(string? text)
    {
        if (text is null || !text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }

        var decoded = WebUtility.HtmlDecode(text);
        return PostText.FindForbidden(decoded, allowC1: false) is null ? decoded : text;
    }

    /// <summary>The byline from an <c>authors</c> list (Hugo, many Jekyll themes): the names joined by commas.</summary>
    internal static string? ReadAuthors(Dictionary<string, FrontMatterField> fields, List<PostProblem> problems)
    {
        if (!fields.TryGetValue("authors", out var field))
        {
            return null;
        }

        var names = FrontMatterFields.ListEntries(fields, "authors", splitCommas: false)
            .Select(e => e.Text?.Trim())
            .Where(n => !string.IsNullOrEmpty(n))
            .ToList();
        var byline = string.Join(", ", names);
        if (byline.Length == 0)
        {
            return null;
        }

        if (byline.Length > PostLimits.AuthorLength)
        {
            problems.Add(new PostProblem(field.Line, "authors", $"is {byline.Length:N0} characters together; at most {PostLimits.AuthorLength:N0} are allowed"));
            return null;
        }

        return byline;
    }

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{2}-[0-9]{2})-", RegexOptions.CultureInvariant)]
    private static partial Regex FileNameDate();
}
