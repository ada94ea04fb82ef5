using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CovalentBond.Publishing.Shortcodes;

/// <summary>
/// Block-level tags: <c>highlight</c> and <c>raw</c> (Jekyll's <c>{% highlight go %}…{% endhighlight %}</c>, Hugo's
/// <c>{{&lt; highlight go &gt;}}…{{&lt; /highlight &gt;}}</c>) become code blocks, their lines kept as written (no
/// Markdown, no HTML); any other tag alone on its line becomes a <see cref="ShortcodeBlock"/>.
/// </summary>
internal sealed class ShortcodeBlockParser : BlockParser
{
    private const string ClosingKey = "covalent-shortcode-closing";

    public ShortcodeBlockParser()
    {
        OpeningCharacters = ['{'];
    }

    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent)
        {
            return BlockState.None;
        }

        var line = processor.Line;
        var text = line.Text;
        if (ShortcodeTag.TryRead(text, line.Start, line.End + 1, out var length) is not { } tag
            || !IsBlank(text, line.Start + length, line.End + 1)
            || tag.Syntax == ShortcodeSyntax.LiquidOutput || tag.LiteralText is not null)
        {
            return BlockState.None;
        }

        if (!tag.IsClosing && tag.BaseName is "highlight" or "raw")
        {
            var code = new FencedCodeBlock(this)
            {
                Column = processor.Column,
                Span = new SourceSpan(processor.Start, line.End),
                Line = processor.LineIndex,
                FencedChar = '`',
                OpeningFencedCharCount = 3,
                Info = tag.BaseName == "highlight" ? tag.Argument("lang", 0) : null,
            };
            code.SetData(ClosingKey, tag.BaseName);
            if (!string.IsNullOrEmpty(code.Info))
            {
                code.GetAttributes().AddClass(FencedCodeBlockParser.DefaultInfoPrefix + code.Info);
            }

            processor.NewBlocks.Push(code);
            return BlockState.ContinueDiscard;
        }

        processor.NewBlocks.Push(new ShortcodeBlock(this, tag)
        {
            Column = processor.Column,
            Span = new SourceSpan(processor.Start, line.End),
            Line = processor.LineIndex,
        });
        return BlockState.BreakDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        if (block is not FencedCodeBlock code || code.GetData(ClosingKey) is not string name)
        {
            return BlockState.None;
        }

        var line = processor.Line;
        var start = line.Start;
        while (start <= line.End && line.Text[start] is ' ' or '\t')
        {
            start++;
        }

        if (ShortcodeTag.TryRead(line.Text, start, line.End + 1, out var length) is { IsClosing: true } tag
            && tag.BaseName == name && IsBlank(line.Text, start + length, line.End + 1))
        {
            code.UpdateSpanEnd(line.End);
            return BlockState.BreakDiscard;
        }

        // The line as written, its indentation too: code keeps its own.
        processor.GoToColumn(processor.ColumnBeforeIndent);
        return BlockState.Continue;
    }

    private static bool IsBlank(string text, int from, int to)
    {
        for (var i = from; i < Math.Min(to, text.Length); i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Tags inside a paragraph: each becomes a <see cref="ShortcodeInline"/>; Hugo's escaped form
/// (<c>{{&lt;/* name */&gt;}}</c>) reads as the tag itself and Liquid's <c>{% raw %}…{% endraw %}</c> as its text,
/// both as code.
/// Placed before the other inline parsers, so quotes inside a tag are never curled.
/// </summary>
internal sealed class ShortcodeInlineParser : InlineParser
{
    public ShortcodeInlineParser()
    {
        OpeningCharacters = ['{'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var start = slice.Start;
        if (ShortcodeTag.TryRead(slice.Text, start, slice.End + 1, out var length) is not { } tag)
        {
            return false;
        }

        var line = processor.GetSourcePosition(start, out var lineIndex, out var column);
        var consumed = length;
        Inline inline;
        if (tag.LiteralText is { } literal)
        {
            // Template syntax a post shows on purpose is shown as code.
            inline = new CodeInline(literal) { Delimiter = '`', DelimiterCount = 1 };
        }
        else if (tag.Syntax == ShortcodeSyntax.LiquidTag && tag.Name == "raw" && FindEndRaw(slice.Text, start + length, slice.End + 1) is var (contentEnd, end) && end > 0)
        {
            inline = new CodeInline(slice.Text[(start + length)..contentEnd]) { Delimiter = '`', DelimiterCount = 1 };
            consumed = end - start;
        }
        else
        {
            inline = new ShortcodeInline(tag);
        }

        inline.Span = new SourceSpan(line, line + consumed - 1);
        inline.Line = lineIndex;
        inline.Column = column;
        processor.Inline = inline;
        slice.Start += consumed;
        return true;
    }

    /// <summary>Where <c>{% endraw %}</c> starts and ends after <paramref name="from"/>; (0, 0) when it does not.</summary>
    private static (int ContentEnd, int End) FindEndRaw(string text, int from, int to)
    {
        for (var i = text.IndexOf("{%", from, StringComparison.Ordinal); i >= 0 && i < to; i = text.IndexOf("{%", i + 2, StringComparison.Ordinal))
        {
            if (ShortcodeTag.TryRead(text, i, to, out var length) is { Syntax: ShortcodeSyntax.LiquidTag, Name: "endraw" })
            {
                return (i, i + length);
            }
        }

        return (0, 0);
    }
}
