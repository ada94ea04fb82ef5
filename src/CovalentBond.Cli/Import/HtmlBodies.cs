using System.Net;
using System.Text.RegularExpressions;

namespace CovalentBond.Cli.Import;

/// <summary>
/// HTML bodies of exports (WordPress, feeds) made ready to stand as a post's body: kept as HTML (the site's
/// sanitizer cleans it as it renders, and says what it removes), with editor debris taken out and WordPress
/// shortcodes turned into HTML or reported.
/// </summary>
internal static partial class HtmlBodies
{
    /// <summary>WordPress shortcodes with an HTML form here; any other <c>[name]</c> with a closing <c>[/name]</c>, or of a known plugin, is taken out and reported.</summary>
    private static readonly HashSet<string> KnownWordPressTags = new(
        ["caption", "wp_caption", "embed", "gallery", "audio", "video", "playlist", "youtube", "vimeo", "tweet", "contact-form-7", "contact-form", "soundcloud", "googlemaps", "instagram"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The most notes one body gets about its shortcodes: enough to act on, bounded for a hostile export.</summary>
    private const int MaxNotes = 20;

    public static string FromWordPress(string html, List<string> notes)
    {
        html = BlockComment().Replace(html, string.Empty);
        html = Caption().Replace(html, m => $"<figure>{m.Groups["content"].Value.Trim()}<figcaption>{m.Groups["caption"].Value.Trim()}</figcaption></figure>");
        html = Embed().Replace(html, m => $"<p><a href=\"{WebUtility.HtmlEncode(m.Groups["url"].Value.Trim())}\">{WebUtility.HtmlEncode(m.Groups["url"].Value.Trim())}</a></p>");
        // The names that close somewhere (found once: a body of many brackets must not be searched once per bracket).
        var closing = Shortcode().Matches(html).Where(m => m.Value.StartsWith("[/", StringComparison.Ordinal)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        html = Shortcode().Replace(html, m =>
        {
            var name = m.Groups["name"].Value;
            if (!KnownWordPressTags.Contains(name) && !closing.Contains(name))
            {
                return m.Value;
            }

            var note = $"the WordPress shortcode '{Shorten(m.Value)}' has no equivalent here: it was taken out";
            if (!m.Value.StartsWith("[/", StringComparison.Ordinal) && notes.Count < MaxNotes && !notes.Contains(note))
            {
                notes.Add(note);
            }

            return string.Empty;
        });
        return Normalize(html);
    }

    /// <summary>
    /// Links to the old site's own pages (<c>https://old.example/2019/05/x/</c>) as paths (<c>/2019/05/x/</c>): the
    /// import keeps each old address as an alias, so the path leads to the post on the new site, whatever its domain.
    /// </summary>
    public static string OwnLinksAsPaths(string html, string? siteUrl)
    {
        if (!Uri.TryCreate(siteUrl?.Trim(), UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
        {
            return html;
        }

        return OwnLink().Replace(html, match =>
            Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var url) && string.Equals(url.Host, site.Host, StringComparison.OrdinalIgnoreCase)
                && !url.AbsolutePath.Contains("/wp-content/", StringComparison.Ordinal) && url.AbsolutePath.Length > 1
                ? $"href=\"{url.PathAndQuery}{url.Fragment}\""
                : match.Value);
    }

    [GeneratedRegex(@"href=""(?<url>https?://[^""]+)""")]
    private static partial Regex OwnLink();

    /// <summary>
    /// Images the import copied beside the post (a bare file name in <c>src</c>) written in the site's own syntax, so
    /// they become responsive pictures: a captioned one as a <c>figure</c>, one alone in its paragraph as a Markdown
    /// image. One left inside other HTML stays as it is and is reported.
    /// </summary>
    public static string LocalImagesAsMarkdown(string html, List<string> notes)
    {
        html = LocalFigure().Replace(html, m => Attribute(m.Groups["attrs"].Value, "src") is { } src && IsLocal(src)
            ? $"\n\n{{{{< figure src=\"{src}\" alt=\"{Quoted(Attribute(m.Groups["attrs"].Value, "alt"))}\" caption=\"{Quoted(m.Groups["caption"].Value)}\" >}}}}\n\n"
            : m.Value);
        html = LocalImage().Replace(html, m => Attribute(m.Groups["attrs"].Value, "src") is { } src && IsLocal(src)
            ? $"\n\n![{WebUtility.HtmlDecode(Attribute(m.Groups["attrs"].Value, "alt") ?? string.Empty).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)}]({src})\n\n"
            : m.Value);
        var left = Img().Matches(html).Count(m => Attribute(m.Value, "src") is { } src && IsLocal(src));
        if (left > 0)
        {
            notes.Add($"{left} {(left == 1 ? "image" : "images")} inside other HTML stay as HTML: move each to a line of its own as ![alt](file) to have it processed");
        }

        return Normalize(html);
    }

    private static bool IsLocal(string src) => LocalName().IsMatch(src);

    private static string? Attribute(string attributes, string name) =>
        System.Text.RegularExpressions.Regex.Match(attributes, $@"\b{name}\s*=\s*[""'](?<value>[^""']*)[""']") is { Success: true } found ? found.Groups["value"].Value : null;

    /// <summary>Text for a shortcode argument between double quotes.</summary>
    private static string Quoted(string? html) => PlainText(html ?? string.Empty).Replace('"', '\u201D');

    [GeneratedRegex(@"<figure[^>]*>\s*(?:<a[^>]*>)?\s*<img(?<attrs>[^>]*)/?>\s*(?:</a>)?\s*<figcaption[^>]*>(?<caption>.*?)</figcaption>\s*</figure>", RegexOptions.Singleline)]
    private static partial Regex LocalFigure();

    [GeneratedRegex(@"(?:^|<p[^>]*>)[ \t]*(?:<a[^>]*>)?\s*<img(?<attrs>[^>]*)/?>\s*(?:</a>)?[ \t]*(?:</p>|$)", RegexOptions.Multiline)]
    private static partial Regex LocalImage();

    [GeneratedRegex("<img[^>]*>")]
    private static partial Regex Img();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex LocalName();

    public static string FromFeed(string html) => Normalize(BlockComment().Replace(html, string.Empty));

    /// <summary>Text of an HTML fragment (an excerpt), entities decoded and space collapsed.</summary>
    public static string PlainText(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    private static string Normalize(string html) => BlankLines().Replace(html.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim() + "\n";

    [GeneratedRegex(@"\n[ \t]*(?:\n[ \t]*){2,}")]
    private static partial Regex BlankLines();

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    [GeneratedRegex(@"<!--\s*/?wp:[^>]*?-->")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[(?:wp_)?caption[^\]]*\](?<content>(?:\s*<a[^>]*>)?\s*<img[^>]*>(?:\s*</a>)?)(?<caption>.*?)\[/(?:wp_)?caption\]", RegexOptions.Singleline)]
    private static partial Regex Caption();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>https?://[^\[\s]+)\[/embed\]")]
    private static partial Regex Embed();

    [GeneratedRegex(@"\[/?(?<name>[a-z][a-z0-9_-]*)(?:\s[^\]\n]*)?\]")]
    private static partial Regex Shortcode();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
