using System.Globalization;
using System.Text;

namespace CovalentBond.Publishing.Text;

/// <summary>
/// Turns display text into an ASCII slug: Turkish-aware case folding, transliteration of common
/// Latin, Greek and Cyrillic letters, and a stable hash fallback for scripts with no transliteration.
/// </summary>
internal static class TextSlugifier
{
    // Letters that Unicode decomposition does not reduce to ASCII, and the Turkish dotted/dotless i.
    private static readonly Dictionary<char, string> Special = new()
    {
        ['ı'] = "i", ['İ'] = "i", ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['Æ'] = "ae",
        ['ø'] = "o", ['Ø'] = "o", ['đ'] = "d", ['Đ'] = "d", ['ł'] = "l", ['Ł'] = "l",
        ['þ'] = "th", ['Þ'] = "th", ['ð'] = "d", ['Ð'] = "d", ['œ'] = "oe", ['Œ'] = "oe",
        ['ŋ'] = "ng", ['ħ'] = "h", ['ŧ'] = "t", ['&'] = "-and-",
        // Cyrillic (a common, readable transliteration; Serbian and Ukrainian letters included).
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ґ'] = "g", ['д'] = "d", ['ђ'] = "dj",
        ['е'] = "e", ['ё'] = "e", ['є'] = "ye", ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['і'] = "i",
        ['ї'] = "yi", ['й'] = "y", ['ј'] = "j", ['к'] = "k", ['л'] = "l", ['љ'] = "lj", ['м'] = "m",
        ['н'] = "n", ['њ'] = "nj", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t",
        ['ћ'] = "c", ['у'] = "u", ['ф'] = "f", ['х'] = "h", ['ц'] = "c", ['ч'] = "ch", ['џ'] = "dz",
        ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu",
        ['я'] = "ya",
        // Greek (accents are removed by decomposition first).
        ['α'] = "a", ['β'] = "v", ['γ'] = "g", ['δ'] = "d", ['ε'] = "e", ['ζ'] = "z", ['η'] = "i",
        ['θ'] = "th", ['ι'] = "i", ['κ'] = "k", ['λ'] = "l", ['μ'] = "m", ['ν'] = "n", ['ξ'] = "x",
        ['ο'] = "o", ['π'] = "p", ['ρ'] = "r", ['σ'] = "s", ['ς'] = "s", ['τ'] = "t", ['υ'] = "y",
        ['φ'] = "f", ['χ'] = "ch", ['ψ'] = "ps", ['ω'] = "o",
    };

    /// <summary>Folds case the way a reader expects for this text, treating Turkish İ/ı as i.</summary>
    /// <remarks>
    /// By Unicode scalar (<see cref="Rune"/>), never by UTF-16 char: an emoji or any letter beyond the BMP is two chars, and
    /// folding or normalizing half of one throws. An unpaired surrogate (YAML's <c>"\uD800"</c> escape can make one) becomes U+FFFD.
    /// </remarks>
    public static string FoldCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in Normalized(text, NormalizationForm.FormC).EnumerateRunes())
        {
            if (rune.Value is 'İ' or 'I' or 'ı')
            {
                builder.Append('i');
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The ASCII slug of <paramref name="text"/>; empty only when the text has no letters or digits.
    /// Text in scripts without a transliteration gets <c>u-</c> and a short stable hash.
    /// </summary>
    /// <remarks>Letters and digits of every script count (Rune.IsLetterOrDigit); only ASCII ones are kept as they are.</remarks>
    public static string Slugify(string text)
    {
        var folded = FoldCase(text);
        var builder = new StringBuilder(folded.Length);
        var untransliterated = false;

        foreach (var rune in folded.EnumerateRunes())
        {
            if (rune.IsBmp && Special.TryGetValue((char)rune.Value, out var replacement))
            {
                builder.Append(replacement);
                continue;
            }

            foreach (var part in rune.ToString().Normalize(NormalizationForm.FormD).EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(part) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                if (part.IsBmp && Special.TryGetValue((char)part.Value, out var decomposed))
                {
                    builder.Append(decomposed);
                }
                else if (part.Value is >= 'a' and <= 'z' or >= '0' and <= '9')
                {
                    builder.Append((char)part.Value);
                }
                else if (Rune.IsLetterOrDigit(part))
                {
                    untransliterated = true;
                    builder.Append('-');
                }
                else
                {
                    builder.Append('-');
                }
            }
        }

        var slug = CollapseDashes(builder.ToString());
        if (untransliterated)
        {
            // A script we cannot transliterate (CJK, Arabic, ...): keep what ASCII there is and add a
            // hash of the folded text, so two different tags never share a path.
            var hash = ContentHash.OfText(folded.Trim())[..10];
            slug = slug.Length == 0 ? $"u-{hash}" : $"{slug}-{hash}";
        }

        return slug;
    }

    /// <summary><paramref name="text"/> normalized, with any unpaired surrogate (which normalization refuses) replaced by U+FFFD first.</summary>
    private static string Normalized(string text, NormalizationForm form)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                builder.Append(rune.ToString());
            }

            text = builder.ToString();
        }

        return text.Normalize(form);
    }

    private static string CollapseDashes(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == '-' && (builder.Length == 0 || builder[^1] == '-'))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().TrimEnd('-');
    }
}
