namespace CovalentBond.Publishing.Posts;

/// <summary>
/// The limits a post must keep, so that every store and format downstream can take it: an Azure Table
/// entity is at most 1 MiB and a property 64 KiB (a list's counter row holds 100 posts' list fields),
/// XML 1.0 allows only some characters, and every page must render in bounded time. The README lists them.
/// </summary>
public static class PostLimits
{
    /// <summary>Corrections, and update notes, a post may carry (each list): the corrections page reads them from the index's record.</summary>
    public const int NoteCount = 20;

    /// <summary>Characters in one correction or update note: a sentence or two.</summary>
    public const int NoteLength = 500;

    /// <summary>Characters in a title.</summary>
    public const int TitleLength = 250;

    /// <summary>Characters in a subtitle (lede, description, summary).</summary>
    public const int SubtitleLength = 600;

    /// <summary>Characters in an author's name.</summary>
    public const int AuthorLength = 150;

    /// <summary>Tags on one post: each costs two blob writes on every publish (its page and feed).</summary>
    public const int TagCount = 25;

    /// <summary>Characters in one tag.</summary>
    public const int TagLength = 60;

    /// <summary>Old addresses (aliases) of one post.</summary>
    public const int AliasCount = 50;

    /// <summary>Characters in one alias path.</summary>
    public const int AliasLength = 300;

    /// <summary>Characters in an image address.</summary>
    public const int ImageLength = 2_000;

    /// <summary>Characters in an image's text alternative.</summary>
    public const int ImageAltLength = 1_000;

    /// <summary>Bytes of front matter (between the <c>---</c> lines).</summary>
    public const int FrontMatterBytes = 64 * 1024;

    /// <summary>How deep lists and mappings may nest in the front matter.</summary>
    public const int FrontMatterDepth = 16;

    /// <summary>Headings in a body.</summary>
    public const int HeadingCount = 2_000;

    /// <summary>
    /// Columns of indentation a body line may start with (a tab counts 4). Each level of a nested list
    /// indents further, and Markdig's block parsing grows with the square of the depth before its own
    /// guard stops it: 1,000 levels took 1.6 s. 256 columns is over 60 levels of code indentation.
    /// </summary>
    public const int IndentColumns = 256;

    /// <summary>Web addresses written as plain text (auto-links) in one paragraph.</summary>
    public const int AutoLinksPerParagraph = 500;

    /// <summary>How deep the raw HTML of a body may nest.</summary>
    public const int HtmlDepth = 100;

    /// <summary>
    /// Bytes of rendered HTML in a body that holds raw HTML (it goes through the sanitizer). 2 MiB since the sanitizer works
    /// in linear time (0.35–0.5 ms a KiB, docs/performance.md "The sanitizer by size"); it was 256 KiB, which refused long
    /// reports. A body this large may still meet the render budget first: Markdown tables cost about 1 ms of CPU a KiB of HTML.
    /// </summary>
    public const int SanitizedHtmlBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The time reading and rendering one post may take (CPU-bound work, no I/O). Half of the 2 s of CPU a
    /// post may cost in all: the clock is checked between parsing steps, so a refusal lands a little after it.
    /// </summary>
    public static readonly TimeSpan RenderBudget = TimeSpan.FromSeconds(1);

    /// <summary>The earliest date a post may carry: Azure Tables keep no date before 1601.</summary>
    public static readonly DateTimeOffset EarliestDate = new(1601, 1, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest date a post may carry, a day short of the calendar's end so no time zone overflows it.</summary>
    public static readonly DateTimeOffset LatestDate = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);
}
