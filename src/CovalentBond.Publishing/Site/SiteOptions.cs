using System.Globalization;

namespace CovalentBond.Publishing.Site;

/// <summary>
/// What a site owner configures: names, links, locale and list sizes. Bound from the <c>Site</c>
/// configuration section (app settings <c>Site__Name</c>, or <c>site.json</c> for the CLI); nothing
/// the reader sees about the site is written in code.
/// </summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    public string Name { get; set; } = "Untitled site";

    /// <summary>The public address of the site, used for canonical links and feeds.</summary>
    public string BaseUrl { get; set; } = "http://localhost/";

    public string? Tagline { get; set; }

    /// <summary>The copyright line in the footer, for example "© 2025 by COVALENT BOND".</summary>
    public string? Copyright { get; set; }

    /// <summary>Headings of the footer's sections, for example "Journalism (Independent)".</summary>
    public List<string> FooterSections { get; set; } = [];

    /// <summary>
    /// Hosts a post's <c>&lt;iframe&gt;</c> may load from, beside the default providers (YouTube, Vimeo, CodePen,
    /// Datawrapper, Flourish, Infogram; Rendering/EmbedPolicy). The Front Door's CSP must allow them too.
    /// </summary>
    public List<string> EmbedHosts { get; set; } = [];

    /// <summary>The culture of the site's text; its language goes into <c>&lt;html lang&gt;</c>.</summary>
    public string Culture { get; set; } = "en-US";

    /// <summary>IANA time zone a bare date (<c>2025-05-20</c>) is midnight in, and dates are shown in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>.NET date format of dates shown to readers; this site uses <c>M/d/yy</c>.</summary>
    public string DateFormat { get; set; } = "M/d/yy";

    /// <summary>How many posts the "Latest news" list shows.</summary>
    public int LatestCount { get; set; } = 20;

    /// <summary>How many posts a tag page lists (the newest; older ones are in the archives).</summary>
    public int TagPageSize { get; set; } = 50;

    /// <summary>
    /// Whether each tag also gets an Atom feed beside its RSS 2.0 feed. Off by default: one feed
    /// per tag serves every feed reader, and each extra format costs one more blob write per tag on
    /// every publish. The site-wide feed is always offered as both RSS and Atom.
    /// </summary>
    public bool TagAtomFeeds { get; set; }

    /// <summary>
    /// Whether a post's <c>categories</c> (Jekyll, WordPress) are read as tags beside its <c>tags</c>. On by default:
    /// a migrated blog keeps its sections as tag pages instead of ending with a single tag.
    /// </summary>
    public bool CategoriesAsTags { get; set; } = true;

    /// <summary>
    /// Where articles live: <c>/posts/:slug/</c> (the default), <c>/:year/:month/:slug/</c>,
    /// <c>/:year/:month/:day/:slug.html</c>, with :year, :month, :day and :slug (Pages/Permalink). A migrated site
    /// sets its old pattern and keeps its URLs. Changing it republishes the whole site and leaves redirects at the old addresses.
    /// </summary>
    public string Permalink { get; set; } = Pages.Permalink.Default;

    /// <summary>The parsed <see cref="Permalink"/>: the address and file of each article.</summary>
    /// <exception cref="FormatException">The setting is not a usable pattern.</exception>
    [System.Text.Json.Serialization.JsonIgnore]
    public Pages.Permalink Articles => (articles is { } known && known.Text == Permalink ? known : articles = new(Permalink, Pages.Permalink.Parse(Permalink))).Value;

    // The last parse of each setting, kept with the text it came from (one reference, swapped whole): every list item
    // asks, and a changed setting is parsed again.
    private Parsed<Pages.Permalink>? articles;
    private Parsed<TimeZoneInfo>? zone;

    private sealed record Parsed<T>(string Text, T Value);

    /// <summary>The address of the article with key <paramref name="key"/> dated <paramref name="date"/> (Pages/Permalink).</summary>
    public string ArticleUrl(string key, DateTimeOffset date) => Articles.DateParts == 0 ? Articles.Url(key) : Articles.Url(key, ToLocal(date));

    /// <summary>The file of the article with key <paramref name="key"/> dated <paramref name="date"/> (Pages/Permalink).</summary>
    public string ArticleFile(string key, DateTimeOffset date) => Articles.DateParts == 0 ? Articles.File(key) : Articles.File(key, ToLocal(date));

    /// <summary>The largest post source accepted, in bytes.</summary>
    public int MaxPostBytes { get; set; } = 1024 * 1024;

    public CultureInfo GetCulture() => CultureInfo.GetCultureInfo(Culture);

    public TimeZoneInfo GetTimeZone() => (zone is { } known && known.Text == TimeZone ? known : zone = new(TimeZone, TimeZoneInfo.FindSystemTimeZoneById(TimeZone))).Value;

    /// <summary>The base URL with exactly one trailing slash.</summary>
    public string NormalizedBaseUrl => BaseUrl.TrimEnd('/') + "/";

    /// <summary>The date as the site's readers see it, in the site's time zone.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset date) => TimeZoneInfo.ConvertTime(date, GetTimeZone());

    /// <summary>A date with its time for readers (a correction's): the site's date format, then the culture's short time.</summary>
    public string FormatTimestamp(DateTimeOffset date) =>
        FormatDate(date) + " " + TimeZoneInfo.ConvertTime(date, GetTimeZone()).ToString("t", GetCulture());

    /// <summary>Formats a date for readers in the site's time zone and format.</summary>
    public string FormatDate(DateTimeOffset date) =>
        TimeZoneInfo.ConvertTime(date, GetTimeZone()).ToString(DateFormat, GetCulture());
}
