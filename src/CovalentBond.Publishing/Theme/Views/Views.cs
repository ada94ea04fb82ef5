namespace CovalentBond.Publishing.Theme.Views;

// What templates can see. Every value is prepared in C# (dates formatted, URLs built) so that a theme
// author writes markup, not logic. Strings are HTML-encoded by the template engine on output.

/// <summary>The site as templates see it.</summary>
public sealed record SiteView(
    string Name,
    string? Tagline,
    string? Copyright,
    IReadOnlyList<string> FooterSections,
    string Language,
    string BaseUrl,
    string CssUrl);

/// <summary>Per-page head values: the document title, description and canonical address.</summary>
public sealed record PageView(string Title, string? Description, string CanonicalUrl);

/// <summary>A tag link under an article.</summary>
public sealed record TagView(string Name, string Slug);

/// <summary>An article as its page shows it.</summary>
public sealed record ArticleView(
    string Title,
    string DateText,
    string DateIso,
    string? Author,
    string? Subtitle,
    IReadOnlyList<TagView> Tags,
    string BodyHtml,
    string Url);

/// <summary>One entry of a list of posts (latest news, a tag, an archive).</summary>
public sealed record PostListItemView(string Title, string? Subtitle, string DateText, string DateIso, string Url);
