using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CovalentBond.Publishing.Pages;

/// <summary>
/// Where articles live: the site's <c>Site:Permalink</c> pattern, such as <c>/posts/:slug/</c> (the default),
/// <c>/:year/:month/:slug/</c> or <c>/blog/:year/:month/:day/:slug.html</c>.
/// </summary>
/// <remarks>
/// A post is known everywhere (index, API, sources, media) by its key. With a pattern without a date the key is the
/// slug; with one, the key is the date parts the pattern uses and the slug (<c>2015-11-neue-firmware</c>), as Jekyll
/// names its files. So two posts may share a slug when their addresses differ ("Neue Firmware" of 2015 and of 2016
/// under <c>/:year/:month/:slug/</c>), and a key alone gives the address: uniqueness of keys is uniqueness of
/// addresses. The date is the post's date in the site's time zone.
/// </remarks>
public sealed partial class Permalink
{
    public const string Default = "/posts/:slug/";

    private readonly string[] literals;
    private readonly char[] tokens;

    private Permalink(string pattern, string[] literals, char[] tokens, int dateParts)
    {
        Pattern = pattern;
        this.literals = literals;
        this.tokens = tokens;
        DateParts = dateParts;
    }

    /// <summary>The pattern as configured.</summary>
    public string Pattern { get; }

    /// <summary>How many date parts keys carry: 0 (none), 1 (year), 2 (year, month) or 3 (year, month, day).</summary>
    public int DateParts { get; }

    /// <summary>True when an article is a folder (<c>…/slug/</c>, served from its <c>index.html</c>), false for a file (<c>…/slug.html</c>).</summary>
    public bool IsFolder => Pattern.EndsWith('/');

    /// <summary>The part of the address before the first token (<c>/posts/</c>, or <c>/</c>): what a relative alias is resolved against, as Hugo resolves one against the page's section.</summary>
    public string Section => literals[0][..(literals[0].LastIndexOf('/') + 1)];

    private static readonly Dictionary<string, Permalink> Parsed = new(StringComparer.Ordinal);

    /// <summary>Reads a pattern, or explains what is wrong with it.</summary>
    /// <exception cref="FormatException">The pattern cannot give every post an address of its own.</exception>
    public static Permalink Parse(string? pattern)
    {
        pattern = string.IsNullOrWhiteSpace(pattern) ? Default : pattern.Trim();
        lock (Parsed)
        {
            if (Parsed.TryGetValue(pattern, out var known))
            {
                return known;
            }
        }

        var literals = new List<string>();
        var tokens = new List<char>();
        var text = new StringBuilder();
        foreach (Match part in Part().Matches(pattern))
        {
            if (part.Groups["token"].Success)
            {
                literals.Add(text.ToString());
                text.Clear();
                tokens.Add(part.Groups["token"].Value switch
                {
                    "year" => 'y',
                    "month" => 'm',
                    "day" => 'd',
                    "slug" or "title" => 's',
                    var other => throw Invalid(pattern, $"':{other}' is not known; use :year, :month, :day and :slug"),
                });
            }
            else
            {
                text.Append(part.Value);
            }
        }

        literals.Add(text.ToString());
        if (!pattern.StartsWith('/') || !(pattern.EndsWith('/') || pattern.EndsWith(".html", StringComparison.Ordinal)))
        {
            throw Invalid(pattern, "it must start with / and end with / (a folder) or .html (a file)");
        }

        if (tokens.Count(t => t == 's') != 1 || tokens.Distinct().Count() != tokens.Count)
        {
            throw Invalid(pattern, "it must hold :slug once, and each of :year, :month and :day at most once");
        }

        var dateParts = tokens.Contains('d') ? 3 : tokens.Contains('m') ? 2 : tokens.Contains('y') ? 1 : 0;
        if ((dateParts >= 2 && !tokens.Contains('y')) || (dateParts == 3 && !tokens.Contains('m')))
        {
            throw Invalid(pattern, ":month needs :year, and :day needs :month");
        }

        if (!SafeLiteral().IsMatch(string.Concat(literals)) || literals.Skip(1).Take(tokens.Count - 1).Any(l => l.Length == 0))
        {
            throw Invalid(pattern, "between tokens use only a-z, 0-9, -, _, . and /, with something between two tokens");
        }

        var root = "/" + literals[0].Trim('/').Split('/')[0] + "/";
        if (root is "/assets/" or "/tags/" or "/archives/" or "/sitemaps/")
        {
            throw Invalid(pattern, $"{root} holds pages the site writes itself");
        }

        var permalink = new Permalink(pattern, [.. literals], [.. tokens], dateParts);
        lock (Parsed)
        {
            Parsed[pattern] = permalink;
        }

        return permalink;
    }

    /// <summary>The key of a post with slug <paramref name="slug"/> dated <paramref name="localDate"/> (in the site's zone).</summary>
    public string KeyOf(string slug, DateTimeOffset localDate) => DateParts switch
    {
        0 => slug,
        1 => string.Create(CultureInfo.InvariantCulture, $"{localDate:yyyy}-{slug}"),
        2 => string.Create(CultureInfo.InvariantCulture, $"{localDate:yyyy}-{localDate:MM}-{slug}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{localDate:yyyy}-{localDate:MM}-{localDate:dd}-{slug}"),
    };

    /// <summary>Whether <paramref name="key"/> has the date parts this pattern needs (a key made under another pattern may not).</summary>
    public bool Fits(string key) => Split(key) is not null;

    /// <summary>The slug part of a key.</summary>
    public string SlugOf(string key) => Split(key)?.Slug ?? key;

    /// <summary>The address of the article with key <paramref name="key"/>: <c>/2015/11/neue-firmware/</c>.</summary>
    /// <param name="localDate">
    /// The post's date in the site's zone, for a key that does not fit the pattern: a post published before the pattern
    /// got its date parts keeps its key, and its address is made from that key as the slug and this date. Without it,
    /// such a key keeps the default address.
    /// </param>
    public string Url(string key, DateTimeOffset? localDate = null)
    {
        if (Split(key) is not { } parts)
        {
            return localDate is { } date ? Url(KeyOf(key, date)) : $"/posts/{key}/";
        }

        var url = new StringBuilder(literals[0]);
        for (var i = 0; i < tokens.Length; i++)
        {
            url.Append(tokens[i] switch
            {
                'y' => parts.Year,
                'm' => parts.Month,
                'd' => parts.Day,
                _ => parts.Slug,
            });
            url.Append(literals[i + 1]);
        }

        return url.ToString();
    }

    /// <summary>The file the article with key <paramref name="key"/> is stored as: <c>2015/11/neue-firmware/index.html</c>.</summary>
    public string File(string key, DateTimeOffset? localDate = null)
    {
        var url = Url(key, localDate);
        return url.EndsWith('/') ? url.TrimStart('/') + "index.html" : url.TrimStart('/');
    }

    /// <summary>
    /// The key of the article stored as <paramref name="file"/> (<c>posts/x/index.html</c>), compared without regard to
    /// case as ownership is (a disk may not tell <c>POSTS/X/INDEX.HTML</c> from it); null when no article is stored there.
    /// </summary>
    public string? KeyOfFile(string file) => KeyOfUrl(SitePaths.UrlOf(file.ToLowerInvariant()));

    /// <summary>The key of the article whose address <paramref name="url"/> is, or null when it is not an article's address.</summary>
    public string? KeyOfUrl(string url)
    {
        var match = Address().Match(url);
        if (!match.Success)
        {
            return null;
        }

        var key = DateParts switch
        {
            0 => match.Groups["s"].Value,
            1 => $"{match.Groups["y"].Value}-{match.Groups["s"].Value}",
            2 => $"{match.Groups["y"].Value}-{match.Groups["m"].Value}-{match.Groups["s"].Value}",
            _ => $"{match.Groups["y"].Value}-{match.Groups["m"].Value}-{match.Groups["d"].Value}-{match.Groups["s"].Value}",
        };
        return Split(key) is not null && Url(key) == url ? key : null;
    }

    private Regex Address() => address ??= new Regex(
        "^" + Regex.Escape(literals[0]) + string.Concat(tokens.Select((t, i) => t switch
        {
            'y' => "(?<y>[0-9]{4})",
            'm' => "(?<m>[0-9]{2})",
            'd' => "(?<d>[0-9]{2})",
            _ => "(?<s>[a-z0-9-]+)",
        } + Regex.Escape(literals[i + 1]))) + "$",
        RegexOptions.CultureInvariant);

    private Regex? address;

    private (string Year, string Month, string Day, string Slug)? Split(string key)
    {
        if (DateParts == 0)
        {
            return (string.Empty, string.Empty, string.Empty, key);
        }

        var length = DateParts switch { 1 => 5, 2 => 8, _ => 11 };
        var shape = DateParts switch { 1 => DatePrefix1(), 2 => DatePrefix2(), _ => DatePrefix3() };
        if (!shape.IsMatch(key))
        {
            return null;
        }

        return (
            DateParts >= 1 ? key[..4] : string.Empty,
            DateParts >= 2 ? key[5..7] : string.Empty,
            DateParts >= 3 ? key[8..10] : string.Empty,
            key[length..]);
    }

    private static FormatException Invalid(string pattern, string why) =>
        new($"Site:Permalink '{pattern}' cannot be used: {why}. Examples: /posts/:slug/, /:year/:month/:slug/, /blog/:year/:month/:day/:slug.html");

    [GeneratedRegex(@":(?<token>[a-z]+)|[^:]+|:", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    [GeneratedRegex(@"^[a-z0-9/_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeLiteral();

    [GeneratedRegex(@"^[0-9]{4}-.", RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix1();

    [GeneratedRegex(@"^[0-9]{4}-(0[1-9]|1[0-2])-.", RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix2();

    [GeneratedRegex(@"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])-.", RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix3();
}
