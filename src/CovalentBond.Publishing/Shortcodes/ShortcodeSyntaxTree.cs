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

/// <summary>A body's reference to another post (<c>ref</c>, <c>relref</c>, <c>post_url</c>, <c>link</c>): the slug it names, the tag as written, its line.</summary>
public sealed record PostReference(string Slug, string Text, int Line);
