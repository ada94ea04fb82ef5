using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using Markdig;
using Markdig.Parsers.Inlines;
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
        pipeline.DocumentProcessed -= UnescapeInCode;
        pipeline.DocumentProcessed += UnescapeInCode;

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
    private static void UnescapeInCode(MarkdownDocument document)
    {
        foreach (var code in document.Descendants<CodeBlock>())
        {
            var lines = code.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var text = lines.Lines[i].Slice.ToString();
                if (text.Contains("/*", StringComparison.Ordinal) && Unescape(text) is var plain && plain != text)
                {
                    lines.Lines[i].Slice = new Markdig.Helpers.StringSlice(plain);
                }
            }
        }

        foreach (var code in document.Descendants<Markdig.Syntax.Inlines.CodeInline>())
        {
            if (code.Content.Contains("/*", StringComparison.Ordinal))
            {
                code.Content = Unescape(code.Content);
            }
        }
    }

    private static string Unescape(string text) =>
        text.Replace("{{</*", "{{<", StringComparison.Ordinal).Replace("*/>}}", ">}}", StringComparison.Ordinal)
            .Replace("{{%/*", "{{%", StringComparison.Ordinal).Replace("*/%}}", "%}}", StringComparison.Ordinal);

    /// <summary>Gives the renderers of <paramref name="renderer"/> the site's images, for figures.</summary>
    internal static void UseMedia(HtmlRenderer renderer, IMediaResolver media)
    {
        if (renderer.ObjectRenderers.FindExact<ShortcodeInlineRenderer>() is { } inline)
        {
            inline.Media = media;
        }

        if (renderer.ObjectRenderers.FindExact<ShortcodeBlockRenderer>() is { } block)
        {
            block.Media = media;
        }
    }

    /// <summary>
    /// In one pass over the document: a warning for each tag left out of the page (one the site does not know, or
    /// cannot make safe), and the other posts the reference tags name (outside link addresses, which
    /// <see cref="LinkDestinations"/> reads).
    /// </summary>
    public static void Inspect(MarkdownDocument document, IMediaResolver media, int firstLine, List<PostProblem> warnings, List<PostReference> references)
    {
        foreach (var node in document.Descendants())
        {
            var (tag, block) = node switch
            {
                ShortcodeInline inline => (inline.Tag, false),
                ShortcodeBlock leaf => (leaf.Tag, true),
                _ => (null, false),
            };
            if (tag is null)
            {
                continue;
            }

            if (!tag.IsClosing && tag.BaseName is "ref" or "relref" or "post_url" or "link" && ShortcodeOutput.ReferenceSlug(tag) is { } slug)
            {
                references.Add(new PostReference(slug, tag.Text, firstLine + node.Line));
            }

            if (ShortcodeOutput.Html(tag, media, block) is not null)
            {
                continue;
            }

            var message = tag.Syntax == ShortcodeSyntax.LiquidOutput
                ? $"'{tag.Text}' is a variable of the old site's templates: it is left out"
                : ShortcodeOutput.Known.Contains(tag.BaseName)
                    ? $"'{tag.Text}' cannot be shown as written (an address or id it cannot use): it is left out"
                    : $"'{tag.Text}' is not a shortcode or tag the site knows: it is left out";
            warnings.Add(new PostProblem(firstLine + node.Line, "shortcode", message));
        }
    }
}

/// <summary>Writes a tag inside a paragraph as <see cref="ShortcodeOutput"/> says; nothing for one it does not know.</summary>
internal sealed class ShortcodeInlineRenderer : HtmlObjectRenderer<ShortcodeInline>
{
    public IMediaResolver Media { get; set; } = NoMedia.Instance;

    protected override void Write(HtmlRenderer renderer, ShortcodeInline obj)
    {
        if (renderer.EnableHtmlForInline && ShortcodeOutput.Html(obj.Tag, Media, block: false) is { Length: > 0 } html)
        {
            renderer.Write(html);
        }
    }
}

/// <summary>Writes a tag alone on its line as <see cref="ShortcodeOutput"/> says; nothing for one it does not know.</summary>
internal sealed class ShortcodeBlockRenderer : HtmlObjectRenderer<ShortcodeBlock>
{
    public IMediaResolver Media { get; set; } = NoMedia.Instance;

    protected override void Write(HtmlRenderer renderer, ShortcodeBlock obj)
    {
        if (renderer.EnableHtmlForBlock && ShortcodeOutput.Html(obj.Tag, Media, block: true) is { Length: > 0 } html)
        {
            renderer.EnsureLine();
            renderer.Write(html);
        }
    }
}
