using System.Globalization;
using System.Text.Json;

namespace CovalentBond.Publishing.Localization;

/// <summary>
/// The fixed words of a theme in one language: navigation, headings, "min read", "posts", the 404 page.
/// Read from the theme's <c>strings.{language}.json</c> (the default theme ships en, de, fr, es, it, pt, pl,
/// tr, uk, ru, ja and zh; a theme folder or the <c>theme</c> container may replace any file or add a
/// language); a key a language does not have is taken from English. A value is text with <c>{0}</c>,
/// <c>{1}</c> for its arguments, or, for a count, an object of plural forms (<c>one</c>, <c>few</c>,
/// <c>many</c>, <c>other</c>) chosen by <see cref="PluralRules"/>.
/// </summary>
public sealed class ThemeStrings
{
    /// <summary>The languages the default theme speaks.</summary>
    public static readonly IReadOnlyList<string> DefaultLanguages = ["en", "de", "fr", "es", "it", "pt", "pl", "tr", "uk", "ru", "ja", "zh"];

    private readonly Dictionary<string, JsonElement> entries;
    private readonly CultureInfo culture;

    public ThemeStrings(string language, IReadOnlyDictionary<string, JsonElement> english, IReadOnlyDictionary<string, JsonElement>? own, CultureInfo culture)
    {
        Language = language;
        this.culture = culture;
        entries = new Dictionary<string, JsonElement>(english, StringComparer.Ordinal);
        foreach (var (key, value) in own ?? new Dictionary<string, JsonElement>())
        {
            entries[key] = value;
        }
    }

    public string Language { get; }

    /// <summary>The text of <paramref name="key"/> with its arguments; for a plural entry the first argument is the count.</summary>
    public string Text(string key, params object?[] args)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return key;
        }

        var format = entry.ValueKind == JsonValueKind.Object
            ? Form(entry, args.Length > 0 ? Count(args[0]) : 0)
            : entry.GetString() ?? string.Empty;
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }

    private string Form(JsonElement forms, long count)
    {
        var category = PluralRules.Category(Language, count);
        return forms.TryGetProperty(category, out var form) || forms.TryGetProperty("other", out form) ? form.GetString() ?? string.Empty : string.Empty;
    }

    private static long Count(object? value) => value switch
    {
        int i => i,
        long l => l,
        decimal d => (long)d,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => 0,
    };

    /// <summary>The words of <paramref name="shipped"/> with those of <paramref name="replacing"/> over them, as one file's text.</summary>
    public static string Merge(string shipped, string replacing, string fileName)
    {
        var merged = new Dictionary<string, JsonElement>(Parse(shipped, fileName), StringComparer.Ordinal);
        foreach (var (key, value) in Parse(replacing, fileName))
        {
            merged[key] = value;
        }

        return JsonSerializer.Serialize(merged);
    }

    /// <summary>Reads a <c>strings.{language}.json</c> file: keys to text or to plural forms.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Parse(string json, string fileName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"The theme file '{fileName}' must hold a JSON object of strings.");
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The theme file '{fileName}' is not valid JSON: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// The plural category of a whole number in a language, as the Unicode CLDR defines it for the languages the
/// default theme speaks (integers only): English-like <c>one</c>/<c>other</c>; French and Portuguese count 0
/// as <c>one</c>; Polish, Ukrainian and Russian have <c>one</c>, <c>few</c> and <c>many</c>; Japanese and
/// Chinese have <c>other</c> alone. Other languages fall back to one/other.
/// </summary>
public static class PluralRules
{
    public static string Category(string language, long n)
    {
        var mod10 = n % 10;
        var mod100 = n % 100;
        return language switch
        {
            "ja" or "zh" or "ko" => "other",
            "fr" or "pt" => n is 0 or 1 ? "one" : "other",
            "pl" => n == 1 ? "one" : mod10 is >= 2 and <= 4 && mod100 is not (>= 12 and <= 14) ? "few" : "many",
            "ru" or "uk" => mod10 == 1 && mod100 != 11 ? "one" : mod10 is >= 2 and <= 4 && mod100 is not (>= 12 and <= 14) ? "few" : "many",
            _ => n == 1 ? "one" : "other",
        };
    }
}
