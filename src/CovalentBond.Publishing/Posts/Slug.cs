using System.Text.RegularExpressions;
using CovalentBond.Publishing.Text;

namespace CovalentBond.Publishing.Posts;

/// <summary>The URL-safe name of a post: only <c>[a-z0-9-]</c>, so it can never address a path outside the site.</summary>
public static partial class Slug
{
    /// <summary>The longest slug accepted; longer ones are cut at a word boundary when derived.</summary>
    public const int MaxLength = 100;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidSlug();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}-", RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix();

    /// <summary>True when <paramref name="value"/> is already a valid slug.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && ValidSlug().IsMatch(value);

    /// <summary>
    /// The slug a file name implies: the extension and a leading <c>YYYY-MM-DD-</c> are dropped,
    /// the rest is slugified. Returns null when nothing usable is left.
    /// </summary>
    public static string? FromFileName(string fileName)
    {
        var parts = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        // A page bundle (alpha/index.md) is named by its folder.
        var name = Path.GetFileNameWithoutExtension(parts.Length >= 2 && IsBundleFile(parts[^1]) ? parts[^2] : parts[^1]);
        name = DatePrefix().Replace(name, string.Empty);
        var slug = TextSlugifier.Slugify(name);
        return slug.Length == 0 ? null : Trim(slug);
    }

    /// <summary>True for the file that holds a page bundle's post (<c>index.md</c>): the folder names the post.</summary>
    public static bool IsBundleFile(string fileName) =>
        string.Equals(Path.GetFileNameWithoutExtension(fileName), "index", StringComparison.OrdinalIgnoreCase);

    /// <summary>The slug a title implies, or null when it has no letters or digits at all.</summary>
    public static string? FromTitle(string title)
    {
        var slug = TextSlugifier.Slugify(title);
        return slug.Length == 0 ? null : Trim(slug);
    }

    private static string Trim(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug;
        }

        var cut = slug[..MaxLength];
        var lastDash = cut.LastIndexOf('-');
        return (lastDash > 0 ? cut[..lastDash] : cut).Trim('-');
    }
}
