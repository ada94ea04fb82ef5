using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace CovalentBond.Publishing.Rendering;

/// <summary>A body rendered once: its safe HTML, its word count, the site images it uses and what an editor should look at.</summary>
public sealed record RenderedBody(string Html, int Words)
{
    /// <summary>
    /// Characters of scripts written without spaces between words (Chinese, Japanese, Korean): read by the
    /// character, not by the word, and not counted in <see cref="Words"/>.
    /// </summary>
    public int CjkCharacters { get; init; }

    /// <summary>The media keys of the site's own images the body shows (uploaded or not yet).</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>Things that do not stop the post but that an editor should fix: an image without alt text, one not uploaded yet.</summary>
    public IReadOnlyList<PostProblem> Warnings { get; init; } = [];

    /// <summary>The other posts the body refers to (<c>ref</c>, <c>post_url</c>, …): their slugs, with the tag and its line.</summary>
    public IReadOnlyList<Shortcodes.PostReference> References { get; init; } = [];
}

/// <summary>
/// Turns a post's Markdown body into safe HTML: CommonMark plus tables, footnotes, heading ids, smart
/// typography, auto-links, figures and emphasis extras; external links get <c>rel="noopener"</c>; raw HTML
/// passes through an allowlist sanitizer, so no script, event handler or <c>javascript:</c> URL survives
/// and no style can lift an element over the page. Parsing is bounded: <see cref="BodyLimits"/> before
/// each costly stage, and a deadline (<see cref="PostLimits.RenderBudget"/>) inside Markdig's inline parsing.
/// </summary>
public sealed partial class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseSmartyPants(TypographyAsCharacters())
        .UseAutoLinks()
        .UseFigures()
        .UseEmphasisExtras()
        .UseGenericAttributes()
        .Use<HeadingIdentifiers>()
        .Use<Shortcodes.ShortcodeExtension>()
        .Use<RenderBudget>()
        .Build();

    private readonly BodySanitizer sanitizer;

    /// <summary>Where the posts references name live (<c>Site:Permalink</c>).</summary>
    private readonly Pages.Permalink articles;

    public MarkdownRenderer()
        : this(EmbedPolicy.Default, Pages.Permalink.Parse(null))
    {
    }

    /// <summary>With the site's embed hosts (<c>Site:EmbedHosts</c>) beside the default providers, and its article addresses.</summary>
    public MarkdownRenderer(Site.SiteOptions site)
        : this(new EmbedPolicy(site.EmbedHosts), site.Articles)
    {
    }

    private MarkdownRenderer(EmbedPolicy embeds, Pages.Permalink articles)
    {
        sanitizer = new BodySanitizer(embeds);
        this.articles = articles;
    }

    /// <summary>
    /// Renders <paramref name="markdown"/> once, or says why it cannot be: a limit it breaks, nesting past
    /// Markdig's depth limit, or a parse that ran past the budget.
    /// </summary>
    /// <param name="firstLine">The file line the body starts on, for messages.</param>
    /// <param name="media">The site images the post can show as responsive pictures; none when null.</param>
    /// <param name="deadline">The budget the render counts against, when the caller started it earlier (a post's read and render share one); a new one of <see cref="PostLimits.RenderBudget"/> when null.</param>
    public RenderedBody Render(string markdown, int firstLine, out PostProblem? problem, IMediaResolver? media = null, CpuDeadline? deadline = null)
    {
        deadline ??= new CpuDeadline(PostLimits.RenderBudget);
        problem = BodyLimits.CheckMarkdown(markdown, firstLine);
        if (problem is not null)
        {
            return Empty;
        }

        // Template tags where an address belongs ([x]({{< ref "y" >}})) are resolved before Markdown reads it.
        var destinationWarnings = new List<PostProblem>();
        var references = new List<Shortcodes.PostReference>();
        if (Shortcodes.LinkDestinations.MayHold(markdown))
        {
            markdown = Shortcodes.LinkDestinations.Resolve(markdown, firstLine, articles, destinationWarnings, references);
        }

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, pipeline, RenderBudget.Context(deadline));
        }
        catch (RenderBudgetExceededException ex)
        {
            problem = new PostProblem(firstLine, "body", ex.Message);
            return Empty;
        }
        catch (ArgumentException)
        {
            // Markdig's own guard: "Markdown elements in the input are too deeply nested".
            problem = new PostProblem(firstLine, "body", "nests quotes, lists or emphasis too deeply to render");
            return Empty;
        }

        media ??= NoMedia.Instance;
        var walk = BodyWalk.Of(document, media, firstLine, articles);
        var images = walk.Images;
        var warnings = walk.ImageWarnings;
        warnings.AddRange(destinationWarnings);
        warnings.AddRange(walk.ShortcodeWarnings);
        references.AddRange(walk.References);
        string html;
        int words, cjk;
        try
        {
            html = ToHtml(document, media);
            (words, cjk) = CountWords(document);
        }
        catch (ArgumentException)
        {
            // The renderers have the same depth guard as the parser.
            problem = new PostProblem(firstLine, "body", "nests quotes, lists or emphasis too deeply to render");
            return Empty;
        }

        problem = BodyLimits.CheckHtml(html, firstLine);
        if (problem is not null)
        {
            return Empty;
        }

        // Raw HTML, unusual link schemes and generic attributes go through the sanitizer; the rest is safe as written.
        var safe = AlwaysSanitize || walk.NeedsSanitizer ? sanitizer.Sanitize(html, markdown, firstLine, warnings) : SafeHtml.AsSanitizerWrites(html);
        var body = new RenderedBody(safe, words) { CjkCharacters = cjk, Images = images, Warnings = warnings, References = references };
        if (deadline.Passed())
        {
            problem = new PostProblem(firstLine, "body", new RenderBudgetExceededException(PostLimits.RenderBudget).Message);
            return Empty;
        }

        return body;
    }

    /// <summary>Whether <paramref name="markdown"/> would go through the sanitizer (tests).</summary>
    internal bool NeedsSanitizer(string markdown)
    {
        var document = Markdown.Parse(markdown, pipeline);
        return BodyWalk.Of(document, NoMedia.Instance, 1, articles).NeedsSanitizer;
    }

    /// <summary>Every body through the sanitizer (tests compare the two paths).</summary>
    internal bool AlwaysSanitize { get; init; }

    /// <summary>Curly quotes, dashes and ellipses as the characters themselves: what the sanitizer writes them as.</summary>
    private static Markdig.Extensions.SmartyPants.SmartyPantOptions TypographyAsCharacters()
    {
        var options = new Markdig.Extensions.SmartyPants.SmartyPantOptions();
        foreach (var (type, character) in new Dictionary<Markdig.Extensions.SmartyPants.SmartyPantType, string>
        {
            [Markdig.Extensions.SmartyPants.SmartyPantType.LeftQuote] = "\u2018",
            [Markdig.Extensions.SmartyPants.SmartyPantType.RightQuote] = "\u2019",
            [Markdig.Extensions.SmartyPants.SmartyPantType.LeftDoubleQuote] = "\u201C",
            [Markdig.Extensions.SmartyPants.SmartyPantType.RightDoubleQuote] = "\u201D",
            [Markdig.Extensions.SmartyPants.SmartyPantType.LeftAngleQuote] = "\u00AB",
            [Markdig.Extensions.SmartyPants.SmartyPantType.RightAngleQuote] = "\u00BB",
            [Markdig.Extensions.SmartyPants.SmartyPantType.Ellipsis] = "\u2026",
            [Markdig.Extensions.SmartyPants.SmartyPantType.Dash2] = "\u2013",
            [Markdig.Extensions.SmartyPants.SmartyPantType.Dash3] = "\u2014",
        })
        {
            options.Mapping[type] = character;
        }

        return options;
    }

    private static readonly RenderedBody Empty = new(string.Empty, 0);

    /// <summary>The HTML of <paramref name="markdown"/>, sanitized.</summary>
    /// <exception cref="InvalidOperationException">The body breaks a limit (it was never accepted as a post).</exception>
    public string ToHtml(string markdown) => RenderAccepted(markdown).Html;

    /// <summary>Renders a body that was accepted before (a stored post rendered again).</summary>
    /// <exception cref="InvalidOperationException">The body breaks a limit: it could not have been accepted.</exception>
    public RenderedBody RenderAccepted(string markdown, IMediaResolver? media = null)
    {
        var body = Render(markdown, 1, out var problem, media);
        return problem is null ? body : throw new InvalidOperationException(problem.ToString());
    }

    private string ToHtml(MarkdownDocument document, IMediaResolver media)
    {
        var writer = new StringWriter();
        var html = new HtmlRenderer(writer);
        pipeline.Setup(html);
        html.ObjectRenderers.Replace<Markdig.Renderers.Html.Inlines.LinkInlineRenderer>(new MediaImageRenderer(media));
        Shortcodes.ShortcodeExtension.UseMedia(html, media, articles);
        html.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Words separated by spaces, and apart from them the characters of CJK text (which has no spaces to count by).</summary>
    private (int Words, int Cjk) CountWords(MarkdownDocument document)
    {
        // The body's plain text, counted as it is written rather than kept.
        var counter = new WordCounter();
        var plain = new HtmlRenderer(counter) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        pipeline.Setup(plain);
        plain.Render(document);
        return (counter.Words, counter.Cjk);
    }

    /// <summary>Counts words (runs between spaces, tabs, line ends and CJK characters) and CJK characters in what is written to it.</summary>
    private sealed class WordCounter : TextWriter
    {
        private bool inWord;

        public int Words { get; private set; }

        public int Cjk { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.Unicode;

        public override void Write(char value) => Count(value);

        public override void Write(ReadOnlySpan<char> buffer)
        {
            foreach (var c in buffer)
            {
                Count(c);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private void Count(char value)
        {
            if (value is ' ' or '\n' or '\t' or '\r')
            {
                inWord = false;
            }
            else if (value >= '\u3000' && IsCjk(value))
            {
                Cjk++;
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                Words++;
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());
    }

    /// <summary>Han ideographs, kana, Hangul, and the punctuation and full-width forms written with them.</summary>
    private static bool IsCjk(char c) =>
        c >= '\u3000' && c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3000' and <= '\u30FF')
            or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF');

}
