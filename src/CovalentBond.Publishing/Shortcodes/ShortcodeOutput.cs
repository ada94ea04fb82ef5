using System.Text.RegularExpressions;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Publishing.Shortcodes;

/// <summary>
/// What each tag the site knows becomes on the page. Embeds are links to the provider, not frames: a reader's
/// browser asks nothing of YouTube or X until the reader follows the link. Everything written is escaped here,
/// and addresses are checked as the sanitizer checks them.
/// </summary>
public static partial class ShortcodeOutput
{
    /// <summary>The tags the site knows, by name (closing forms included).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(
        ["highlight", "raw", "figure", "youtube", "vimeo", "x", "tweet", "twitter", "gist", "instagram", "ref", "relref", "post_url", "link"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The HTML <paramref name="tag"/> stands for (empty for a tag that only opens or closes a pair), or null when
    /// the site does not know it or cannot make it safe: the caller warns and shows nothing.
    /// </summary>
    public static string? Html(ShortcodeTag tag, IMediaResolver media, bool block, Pages.Permalink articles)
    {
        if (tag.Syntax == ShortcodeSyntax.LiquidOutput || !Known.Contains(tag.BaseName))
        {
            return null;
        }

        if (tag.IsClosing || tag.BaseName is "highlight" or "raw")
        {
            return string.Empty;
        }

        var name = tag.BaseName.ToLowerInvariant();
        var link = name switch
        {
            "youtube" when Id(tag, "id", YouTubeId()) is { } id => ($"https://www.youtube.com/watch?v={id}", tag.Argument("title") ?? "Watch the video on YouTube"),
            "vimeo" when Id(tag, "id", Digits()) is { } id => ($"https://vimeo.com/{id}", tag.Argument("title") ?? "Watch the video on Vimeo"),
            "x" or "tweet" or "twitter" => Post(tag),
            "gist" => Gist(tag),
            "instagram" when Id(tag, "id", InstagramId()) is { } id => ($"https://www.instagram.com/p/{id}/", "See the post on Instagram"),
            "ref" or "relref" or "post_url" or "link" when ReferenceUrl(tag, articles) is { } url => (url, url),
            _ => ((string, string)?)null,
        };
        if (name == "figure")
        {
            return Figure(tag, media);
        }

        if (link is not { } found)
        {
            return null;
        }

        var anchor = $"<a href=\"{Escape(found.Item1)}\">{Escape(found.Item2)}</a>";
        return block && name is not ("ref" or "relref" or "post_url" or "link") ? $"<p class=\"embed\">{anchor}</p>\n" : anchor;
    }

    /// <summary>
    /// The address of the post a reference names: Hugo's <c>ref "posts/other.md"</c>, Jekyll's
    /// <c>post_url 2010-07-21-name</c> or <c>link _posts/2016-07-26-name.md</c>: the key its file name gives,
    /// as the site's own addresses are made.
    /// </summary>
    public static string? ReferenceUrl(ShortcodeTag tag, Pages.Permalink articles) =>
        ReferenceSlug(tag, articles) is { } key ? articles.Url(key) + Fragment(tag) : Fragment(tag) is { Length: > 0 } fragment && Path(tag) is null ? fragment : null;

    /// <summary>
    /// The key of the post a reference names (null for a reference to a part of the same page). Under a
    /// <c>Site:Permalink</c> with a date the key needs the post's date, which only a dated file name
    /// (<c>2010-07-21-name</c>, as Jekyll's references always are) gives: an undated one is null.
    /// </summary>
    public static string? ReferenceSlug(ShortcodeTag tag, Pages.Permalink articles)
    {
        if (Path(tag) is not { } path || Slug.FromFileName(System.IO.Path.HasExtension(path) ? path : path + ".md") is not { } slug)
        {
            return null;
        }

        if (articles.DateParts == 0)
        {
            return slug;
        }

        var name = System.IO.Path.GetFileName(path.TrimEnd('/'));
        return DatedName().Match(name) is { Success: true } dated
            && DateTime.TryParseExact(dated.Value[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? articles.KeyOf(slug, new DateTimeOffset(date, TimeSpan.Zero))
            : null;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}-")]
    private static partial Regex DatedName();

    private static string Fragment(ShortcodeTag tag) =>
        tag.Argument("path", 0) is { } target && target.IndexOf('#', StringComparison.Ordinal) is var at and >= 0 ? target[at..] : string.Empty;

    private static string? Path(ShortcodeTag tag)
    {
        var target = tag.Argument("path", 0);
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var anchor = target.IndexOf('#', StringComparison.Ordinal);
        var path = (anchor >= 0 ? target[..anchor] : target).TrimEnd('/');
        return path.Length == 0 ? null : path;
    }

    private static string? Figure(ShortcodeTag tag, IMediaResolver media)
    {
        var src = tag.Argument("src", 0);
        if (string.IsNullOrWhiteSpace(src))
        {
            return null;
        }

        var alt = tag.Argument("alt") ?? string.Empty;
        var caption = tag.Argument("caption") ?? tag.Argument("title");
        string picture;
        if (media.KeyOf(src) is not null)
        {
            if (media.Resolve(src) is not { } image)
            {
                return string.Empty;
            }

            picture = PictureMarkup.Html(image, alt, hero: false);
        }
        else if (SafeHtml.IsSafeUrl(src))
        {
            picture = $"<img src=\"{Escape(src)}\" alt=\"{Escape(alt)}\" loading=\"lazy\" decoding=\"async\" />";
        }
        else
        {
            return null;
        }

        if (tag.Argument("link") is { } href && SafeHtml.IsSafeUrl(href))
        {
            picture = $"<a href=\"{Escape(href)}\">{picture}</a>";
        }

        return caption is null
            ? $"<figure>{picture}</figure>\n"
            : $"<figure>{picture}<figcaption>{Escape(caption)}</figcaption></figure>\n";
    }

    private static (string, string)? Post(ShortcodeTag tag)
    {
        var id = tag.Argument("id") ?? tag.Positional.LastOrDefault(p => Digits().IsMatch(p));
        if (id is null || !Digits().IsMatch(id))
        {
            return null;
        }

        var user = tag.Argument("user") ?? tag.Positional.FirstOrDefault(p => !Digits().IsMatch(p));
        var url = user is not null && Handle().IsMatch(user) ? $"https://x.com/{user}/status/{id}" : $"https://x.com/i/status/{id}";
        return (url, user is not null && Handle().IsMatch(user) ? $"See the post by @{user} on X" : "See the post on X");
    }

    private static (string, string)? Gist(ShortcodeTag tag)
    {
        // Hugo: {{< gist user id >}}; Jekyll: {% gist user/id %} or {% gist id %}.
        var first = tag.Argument("user", 0);
        var second = tag.Argument("id", 1);
        var path = second is not null ? $"{first}/{second}" : first;
        return path is not null && GistPath().IsMatch(path) ? ($"https://gist.github.com/{path}", "See the code on GitHub") : null;
    }

    private static string? Id(ShortcodeTag tag, string name, Regex shape) =>
        tag.Argument(name, 0) is { } id && shape.IsMatch(id) ? id : null;

    /// <summary>Escaped as Markdig escapes what it writes (the characters HTML needs, nothing more).</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_-]{6,20}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^[0-9]{1,25}$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[A-Za-z0-9_-]{5,40}$")]
    private static partial Regex InstagramId();

    [GeneratedRegex("^[A-Za-z0-9_]{1,15}$")]
    private static partial Regex Handle();

    [GeneratedRegex("^([A-Za-z0-9-]{1,39}/)?[0-9a-f]{5,40}$")]
    private static partial Regex GistPath();
}
