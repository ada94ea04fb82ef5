using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CovalentBond.Cli.Import;

/// <summary>
/// The addresses posts had on their old site, made as Jekyll and Hugo make them, so each becomes an alias and
/// readers' bookmarks and search results keep working.
/// </summary>
internal static partial class OldAddresses
{
    /// <summary>Jekyll's named styles; anything else is a pattern of its own. Jekyll's default is <c>date</c>.</summary>
    public static string JekyllPattern(string? configured) => configured?.Trim() switch
    {
        null or "" or "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        var custom => custom,
    };

    /// <summary>A post's Jekyll address: <paramref name="title"/> is the file name's slug part (or the front matter <c>slug</c>).</summary>
    public static string Jekyll(string pattern, DateTimeOffset date, string title, IReadOnlyList<string> categories) =>
        Expand(pattern, token => token switch
        {
            "year" => date.ToString("yyyy", CultureInfo.InvariantCulture),
            "month" => date.ToString("MM", CultureInfo.InvariantCulture),
            "day" => date.ToString("dd", CultureInfo.InvariantCulture),
            "i_month" => date.Month.ToString(CultureInfo.InvariantCulture),
            "i_day" => date.Day.ToString(CultureInfo.InvariantCulture),
            "short_year" => date.ToString("yy", CultureInfo.InvariantCulture),
            "y_day" => date.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
            "title" or "slug" => Uri.EscapeDataString(title),
            "categories" => string.Join('/', categories.Select(c => c.ToLowerInvariant()).Distinct().Select(Uri.EscapeDataString)),
            "output_ext" => ".html",
            _ => null,
        });

    /// <summary>A page's Hugo address by a <c>[permalinks]</c> pattern.</summary>
    public static string Hugo(string pattern, DateTimeOffset date, string? slug, string title, string fileName, IReadOnlyList<string> sections) =>
        Expand(pattern, token => token switch
        {
            "year" => date.ToString("yyyy", CultureInfo.InvariantCulture),
            "month" => date.ToString("MM", CultureInfo.InvariantCulture),
            "monthname" => date.ToString("MMMM", CultureInfo.InvariantCulture).ToLowerInvariant(),
            "day" => date.ToString("dd", CultureInfo.InvariantCulture),
            "weekday" => ((int)date.DayOfWeek).ToString(CultureInfo.InvariantCulture),
            "yearday" => date.DayOfYear.ToString(CultureInfo.InvariantCulture),
            "title" => Escape(Urlize(title)),
            "slug" => Escape((slug ?? Urlize(title)).ToLowerInvariant()),
            "filename" or "contentbasename" => Escape(Urlize(fileName)),
            "slugorfilename" or "slugorcontentbasename" => Escape((slug ?? Urlize(fileName)).ToLowerInvariant()),
            "section" => sections.Count > 0 ? Escape(sections[0].ToLowerInvariant()) : string.Empty,
            "sections" => string.Join('/', sections.Select(s => Escape(s.ToLowerInvariant()))),
            _ => null,
        });

    /// <summary>Hugo's default address of a page: its sections, then its slug or file name.</summary>
    public const string HugoDefault = "/:sections/:slugorfilename/";

    /// <summary>
    /// The <c>Site:Permalink</c> under which every post keeps its old address as its own, when one does: each post's
    /// old address with its slug, year, month and day put back as tokens, if all agree.
    /// </summary>
    public static string? CommonPattern(IEnumerable<(string OldUrl, string Slug, DateTimeOffset Date)> posts)
    {
        string? common = null;
        foreach (var (oldUrl, slug, date) in posts)
        {
            var pattern = PatternOf(oldUrl, slug, date);
            if (pattern is null || (common is not null && common != pattern))
            {
                return null;
            }

            common = pattern;
        }

        try
        {
            return common is null ? null : Publishing.Pages.Permalink.Parse(common).Pattern;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? PatternOf(string url, string slug, DateTimeOffset date)
    {
        var segments = url.Split('/');
        var last = Array.FindLastIndex(segments, s => s == slug || s == slug + ".html");
        if (last < 0)
        {
            return null;
        }

        // An address without a slash after the slug (Wix' /post/name) is the folder's: the site redirects it to /post/name/.
        segments[last] = segments[last].EndsWith(".html", StringComparison.Ordinal) ? ":slug.html" : last == segments.Length - 1 ? ":slug/" : ":slug";
        var wanted = new[] { (date.ToString("yyyy", CultureInfo.InvariantCulture), ":year"), (date.ToString("MM", CultureInfo.InvariantCulture), ":month"), (date.ToString("dd", CultureInfo.InvariantCulture), ":day") };
        var next = 0;
        for (var i = 0; i < last && next < wanted.Length; i++)
        {
            if (segments[i] == wanted[next].Item1)
            {
                segments[i] = wanted[next++].Item2;
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>Hugo's <c>urlize</c>: lower case, spaces to dashes, only letters, digits and <c>-_.</c> kept.</summary>
    public static string Urlize(string text)
    {
        // By Unicode scalar, so that letters beyond the BMP are kept as Hugo keeps them.
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.Trim().ToLowerInvariant().EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or '.')
            {
                result.Append(rune.ToString());
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                result.Append('-');
            }
        }

        return result.ToString();
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Expand(string pattern, Func<string, string?> value)
    {
        var path = Token().Replace(pattern, match => value(match.Groups["name"].Value) ?? match.Value);
        path = ManySlashes().Replace("/" + path.TrimStart('/'), "/");
        return path;
    }

    [GeneratedRegex(@":(?<name>slugorcontentbasename|slugorfilename|contentbasename|output_ext|short_year|categories|monthname|filename|sections|section|weekday|yearday|i_month|y_day|i_day|title|month|year|slug|day)")]
    private static partial Regex Token();

    [GeneratedRegex("/{2,}")]
    private static partial Regex ManySlashes();
}
