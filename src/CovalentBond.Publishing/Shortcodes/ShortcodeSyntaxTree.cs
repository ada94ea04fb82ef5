using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CovalentBond.Publishing.Shortcodes;

/// <summary>A shortcode or Liquid tag inside a paragraph.</summary>
public sealed class ShortcodeInline(ShortcodeTag tag) : LeafInline
{
    public ShortcodeTag Tag { get; } = tag;
}

/// <summary>A shortcode or Liquid tag alone on its line: a figure, an embed.</summary>
public sealed class ShortcodeBlock(BlockParser parser, ShortcodeTag tag) : LeafBlock(parser)
{
    public ShortcodeTag Tag { get; } = tag;
}
