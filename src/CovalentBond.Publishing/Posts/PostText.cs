using System.Globalization;
using System.Text;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// What text a post may hold: characters XML 1.0 allows (feeds and sitemaps are XML), no Unicode
/// noncharacters, no unpaired surrogates. Tab and line feed are the only control characters allowed;
/// a body may also hold the C1 controls (U+0080–U+009F), which XML allows and old exports carry.
/// </summary>
public static class PostText
{
    /// <summary>The first character of <paramref name="text"/> that a post may not hold, with its offset; null when all are fine.</summary>
    public static (int Index, string Code)? FindForbidden(string text, bool allowC1 = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            // Printable ASCII is always allowed: skip runs of it a vector at a time, look at the rest one by one.
            var plain = text.AsSpan(i).IndexOfAnyExceptInRange(' ', '~');
            if (plain < 0)
            {
                return null;
            }

            i += plain;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var scalar = char.ConvertToUtf32(c, text[i + 1]);
                if ((scalar & 0xFFFE) == 0xFFFE)
                {
                    return (i, Code(scalar));
                }

                i++;
                continue;
            }

            if (!IsAllowed(c, allowC1))
            {
                return (i, Code(c));
            }
        }

        return null;
    }

    /// <summary>A message naming the forbidden character in <paramref name="text"/>, or null when there is none.</summary>
    public static string? Problem(string text) =>
        FindForbidden(text) is { } bad
            ? $"contains the character {bad.Code}, which pages and feeds cannot carry (at character {bad.Index + 1}); remove it"
            : null;

    /// <summary><paramref name="text"/> with every forbidden character replaced by U+FFFD, for writers that must never fail on content.</summary>
    public static string Clean(string text)
    {
        if (FindForbidden(text, allowC1: true) is null)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var scalar = char.ConvertToUtf32(c, text[i + 1]);
                builder.Append((scalar & 0xFFFE) == 0xFFFE ? "\uFFFD" : text.AsSpan(i, 2));
                i++;
                continue;
            }

            builder.Append(IsAllowed(c, allowC1: true) ? c : '\uFFFD');
        }

        return builder.ToString();
    }

    private static bool IsAllowed(char c, bool allowC1) =>
        c switch
        {
            '\t' or '\n' or '\r' => true,
            < ' ' => false,
            >= '\u007F' and <= '\u009F' => allowC1,
            >= '\uD800' and <= '\uDFFF' => false, // a surrogate not in a pair
            >= '\uFDD0' and <= '\uFDEF' => false,
            '\uFFFE' or '\uFFFF' => false,
            _ => true,
        };

    private static string Code(int scalar) => "U+" + scalar.ToString("X4", CultureInfo.InvariantCulture);
}
