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
    string CssUrl)
{
    /// <summary>The Content-Security-Policy every page carries in a <c>&lt;meta&gt;</c> (Rendering/ContentSecurityPolicy).</summary>
    public string Csp { get; init; } = string.Empty;
}

/// <summary>Per-page head values: title, description, canonical address, social cards and feeds.</summary>
public sealed record PageView(string Title, string? Description, string CanonicalUrl)
{
    /// <summary>True for pages search engines should not index (the "gone" page).</summary>
    public bool NoIndex { get; init; }

    /// <summary>OpenGraph type: <c>website</c>, or <c>article</c> for posts.</summary>
    public string OgType { get; init; } = "website";

    /// <summary>Absolute address of the page's image, for social cards.</summary>
    public string? Image { get; init; }

    public string? ImageAlt { get; init; }

    /// <summary>The social card's size in pixels, when the site made it (1200×630).</summary>
    public int? ImageWidth { get; init; }

    public int? ImageHeight { get; init; }

    /// <summary>Structured data (JSON-LD), already serialized and safe to embed.</summary>
    public string? JsonLd { get; init; }

    public string? PublishedIso { get; init; }

    public string? ModifiedIso { get; init; }

    public IReadOnlyList<string> ArticleTags { get; init; } = [];

    /// <summary>Feeds of this page (the site's, or a tag's), for <c>&lt;link rel="alternate"&gt;</c>.</summary>
    public IReadOnlyList<FeedLinkView> Feeds { get; init; } = [];
}

/// <summary>A feed a page advertises.</summary>
public sealed record FeedLinkView(string Title, string Url, string Type);

/// <summary>A tag link, with how many posts carry it where that is shown.</summary>
public sealed record TagView(string Name, string Slug, string Url, int Count = 0);

/// <summary>An article as its page shows it.</summary>
public sealed record ArticleView(
    string Title,
    string DateText,
    string DateIso,
    string? Author,
    string? Subtitle,
    IReadOnlyList<TagView> Tags,
    string BodyHtml,
    string Url)
{
    /// <summary>The people the byline names, each with the address of their page.</summary>
    public IReadOnlyList<BylineView> Authors { get; init; } = [];

    public string? ModifiedText { get; init; }

    public string? ModifiedIso { get; init; }

    public int ReadingMinutes { get; init; }

    public string? Image { get; init; }

    public string? ImageAlt { get; init; }

    /// <summary>The cover as a responsive <c>&lt;picture&gt;</c> when it is one of the site's processed images (HTML, safe to embed).</summary>
    public string? ImageHtml { get; init; }

    /// <summary>The caption under the cover (front matter <c>imageCaption</c>).</summary>
    public string? ImageCaption { get; init; }

    /// <summary>The credit and copyright read from the cover image's metadata.</summary>
    public string? ImageCredit { get; init; }

    /// <summary>The post's corrections, oldest first.</summary>
    public IReadOnlyList<NoteView> Corrections { get; init; } = [];

    /// <summary>The post's update notes, oldest first.</summary>
    public IReadOnlyList<NoteView> Updates { get; init; } = [];
}

/// <summary>A dated note on an article (a correction or an update), its time in the site's zone and language.</summary>
public sealed record NoteView(string DateText, string DateIso, string Text);

/// <summary>One correction on the corrections page: what it says, when, and the story it corrects.</summary>
public sealed record CorrectionView(string PostTitle, string PostUrl, string DateText, string DateIso, string Text);

/// <summary>One entry of a list of posts (latest news, a tag, an archive).</summary>
public sealed record PostListItemView(string Title, string? Subtitle, string DateText, string DateIso, string Url)
{
    /// <summary>The hero's thumbnail as a <c>&lt;picture&gt;</c> (HTML, safe to embed; decorative: the title beside it says what it is).</summary>
    public string? ThumbHtml { get; init; }
}

/// <summary>A month in the archives, with its posts or just its count.</summary>
public sealed record MonthView(string Name, string Url, int Count, IReadOnlyList<PostListItemView> Posts);

/// <summary>A year in the archives.</summary>
public sealed record YearView(string Name, string Url, int Count, IReadOnlyList<MonthView> Months);

/// <summary>A redirect from an old address.</summary>
public sealed record RedirectView(string Target, string TargetUrl);

/// <summary>A person a byline names, with the address of their page.</summary>
public sealed record BylineView(string Name, string Url);

/// <summary>An author's page: who they are (from their profile, when they have one) and where this page is among theirs.</summary>
public sealed record AuthorView(string Name, string Url, int Count, string FeedUrl)
{
    public string? Bio { get; init; }

    /// <summary>The photo's address (a site path or https).</summary>
    public string? Photo { get; init; }

    public IReadOnlyList<AuthorLinkView> Links { get; init; } = [];

    /// <summary>0 for the front page (the newest posts), else the archive page's number (1 holds the oldest posts).</summary>
    public int PageNumber { get; init; }

    /// <summary>How many archive pages there are beside the front page.</summary>
    public int PageCount { get; init; }

    /// <summary>The page of newer posts, when this is not the first.</summary>
    public string? NewerUrl { get; init; }

    /// <summary>The page of older posts, when this is not the last.</summary>
    public string? OlderUrl { get; init; }
}

/// <summary>A link on an author's page.</summary>
public sealed record AuthorLinkView(string Title, string Url);
