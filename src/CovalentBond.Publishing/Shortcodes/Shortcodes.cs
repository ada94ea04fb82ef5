using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace CovalentBond.Publishing.Shortcodes;

/// <summary>
/// Hugo shortcodes and Jekyll's Liquid tags in a post's Markdown, read so that none reaches a reader as raw
/// syntax: the ones the site knows (<see cref="ShortcodeOutput.Known"/>) are rendered, the others are left out
/// with a warning naming file and line (<see cref="Inspect"/>). Inside code (fences, indented blocks, code spans)
/// they stay text, as a post about templates needs.
/// </summary>
public sealed class ShortcodeExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {

        if (!pipeline.BlockParsers.Contains<ShortcodeBlockParser>())
        {
            pipeline.BlockParsers.Insert(0, new ShortcodeBlockParser());
        }

        if (!pipeline.InlineParsers.Contains<ShortcodeInlineParser>())
        {
            // Before the literal, emphasis and generic-attribute parsers that also look at '{'.
            pipeline.InlineParsers.Insert(0, new ShortcodeInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<ShortcodeInlineRenderer>())
        {
            html.ObjectRenderers.Insert(0, new ShortcodeInlineRenderer());
            html.ObjectRenderers.Insert(0, new ShortcodeBlockRenderer());
        }
    }

    /// <summary>
    /// Hugo runs shortcodes inside code too, so a Hugo post shows one in a code block as <c>{{&lt;/* name */&gt;}}</c>;
    /// the reader is meant to see <c>{{&lt; name &gt;}}</c>. Here code is never run, so the escape is only taken off.
    /// </summary>
    /// <param name="node">A node of a body (<see cref="Rendering.BodyWalk"/>): a code block or a code span is unescaped.</param>
    internal static void UnescapeInCode(MarkdownObject node)
    {
        if (node is CodeBlock code)
        {
            var lines = code.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var slice = lines.Lines[i].Slice;
                if (slice.AsSpan().Contains("/*", StringComparison.Ordinal) && Unescape(slice.ToString()) is var plain && plain != slice.ToString())
                {
                    lines.Lines[i].Slice = new Markdig.Helpers.StringSlice(plain);
                }
            }
        }
        else if (node is Markdig.Syntax.Inlines.CodeInline inline && inline.Content.Contains("/*", StringComparison.Ordinal))
        {
            inline.Content = Unescape(inline.Content);
        }
    }

    private static string Unescape(string text) =>
        text.Replace("{{</*", "{{<", StringComparison.Ordinal).Replace("*/>}}", ">}}", StringComparison.Ordinal)
            .Replace("{{%/*", "{{%", StringComparison.Ordinal).Replace("*/%}}", "%}}", StringComparison.Ordinal);

    /// <summary>Gives the renderers of <paramref name="renderer"/> the site's images, for figures.</summary>
    internal static void UseMedia(HtmlRenderer renderer, IMediaResolver media, Pages.Permalink articles)
    {
        if (renderer.ObjectRenderers.FindExact<ShortcodeInlineRenderer>() is { } inline)
        {
            inline.Media = media;
            inline.Articles = articles;
        }

        if (renderer.ObjectRenderers.FindExact<ShortcodeBlockRenderer>() is { } block)
        {
            block.Media = media;
            block.Articles = articles;
        }
    }

    /// <summary>
    /// One tag of a body (<see cref="Rendering.BodyWalk"/>): a warning when it is left out of the page (one the site
    /// does not know, or cannot make safe), and the post it names when it is a reference.
    /// </summary>
    internal static void Inspect(ShortcodeTag tag, bool block, int line, IMediaResolver media, Pages.Permalink articles, List<PostProblem> warnings, List<PostReference> references)
    {
        if (!tag.IsClosing && tag.BaseName is "ref" or "relref" or "post_url" or "link" && ShortcodeOutput.ReferenceSlug(tag, articles) is { } slug)
        {
            references.Add(new PostReference(slug, tag.Text, line));
        }

        if (ShortcodeOutput.Html(tag, media, block, articles) is not null)
        {
            return;
        }

        var message = tag.Syntax == ShortcodeSyntax.LiquidOutput
            ? $"'{tag.Text}' is a variable of the old site's templates: it is left out"
            : ShortcodeOutput.Known.Contains(tag.BaseName)
                ? $"'{tag.Text}' cannot be shown as written (an address or id it cannot use): it is left out"
                : $"'{tag.Text}' is not a shortcode or tag the site knows: it is left out";
        warnings.Add(new PostProblem(line, "shortcode", message));
    }
}

/// <summary>Writes a tag inside a paragraph as <see cref="ShortcodeOutput"/> says; nothing for one it does not know.</summary>
internal sealed class ShortcodeInlineRenderer : HtmlObjectRenderer<ShortcodeInline>
{
    public IMediaResolver Media { get; set; } = NoMedia.Instance;

    public Pages.Permalink Articles { get; set; } = Pages.Permalink.Parse(null);

    protected override void Write(HtmlRenderer renderer, ShortcodeInline obj)
    {
        if (renderer.EnableHtmlForInline && ShortcodeOutput.Html(obj.Tag, Media, block: false, Articles) is { Length: > 0 } html)
        {
            renderer.Write(html);
        }
    }
}

/// <summary>Writes a tag alone on its line as <see cref="ShortcodeOutput"/> says; nothing for one it does not know.</summary>
internal sealed class ShortcodeBlockRenderer : HtmlObjectRenderer<ShortcodeBlock>
{
    public IMediaResolver Media { get; set; } = NoMedia.Instance;

    public Pages.Permalink Articles { get; set; } = Pages.Permalink.Parse(null);

    protected override void Write(HtmlRenderer renderer, ShortcodeBlock obj)
    {
        if (renderer.EnableHtmlForBlock && ShortcodeOutput.Html(obj.Tag, Media, block: true, Articles) is { Length: > 0 } html)
        {
            renderer.EnsureLine();
            renderer.Write(html);
        }
    }
}
