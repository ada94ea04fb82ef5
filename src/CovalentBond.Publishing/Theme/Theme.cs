using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CovalentBond.Publishing.Localization;
using Fluid;
using Fluid.Values;

namespace CovalentBond.Publishing.Theme;

/// <summary>
/// The site's look: Liquid templates (parsed once, rendered many times) and one stylesheet named by
/// its content hash. The default theme ships inside this assembly.
/// </summary>
public sealed class Theme
{
    private static readonly FluidParser Parser = new();
    private static readonly Lazy<Theme> DefaultTheme = new(LoadDefault);

    // Encodes what HTML needs encoded (<, >, &, quotes) but keeps letters of every script as they are,
    // so "Türkiye" stays readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly IReadOnlyDictionary<string, string> sources;
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new(StringComparer.Ordinal);
    private readonly TemplateOptions options;
    private readonly ConcurrentDictionary<string, ThemeStrings> strings = new(StringComparer.Ordinal);

    private Theme(IReadOnlyDictionary<string, string> sources, Authors.AuthorProfiles? authors = null)
    {
        this.sources = sources;
        Authors = authors ?? Publishing.Authors.AuthorProfiles.None;
        Stylesheet = Encoding.UTF8.GetBytes(sources.GetValueOrDefault("site.css", string.Empty));
        var hash = ContentHash.Of(Stylesheet)[..12];
        StylesheetPath = $"assets/site.{hash}.css";
        Fingerprint = ContentHash.OfText(
            string.Join('\0', sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "\0" + s.Value)) + "\0authors\0" + Authors.Fingerprint);

        options = new TemplateOptions();
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in typeof(Views.SiteView).Assembly.GetTypes().Where(t => t.Namespace == typeof(Views.SiteView).Namespace))
        {
            options.MemberAccessStrategy.Register(type);
        }

        // {{ "latest_news" | t }}, {{ "posts_count" | t: month.count }}, {{ "tag_posts" | t: tag.count, tag.name }}.
        options.Filters.AddFilter("t", Translate);
    }

    /// <summary>The theme's words in the language of <paramref name="culture"/> (English where it has none).</summary>
    public ThemeStrings Strings(System.Globalization.CultureInfo culture) =>
        strings.GetOrAdd(culture.TwoLetterISOLanguageName, language => new ThemeStrings(
            language,
            ThemeStrings.Parse(sources.GetValueOrDefault("strings.en.json", "{}"), "strings.en.json"),
            sources.TryGetValue($"strings.{language}.json", out var own) ? ThemeStrings.Parse(own, $"strings.{language}.json") : null,
            culture));

    /// <summary>Whether a file name is one a theme may provide: templates, the stylesheet, the icon, language files.</summary>
    public static bool IsThemeFile(string name) =>
        name.EndsWith(".liquid", StringComparison.Ordinal) || name.EndsWith(".css", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal)
        || IsLanguageFile(name);

    private static bool IsLanguageFile(string name) => name.StartsWith("strings.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);

    private static ValueTask<FluidValue> Translate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var words = context.AmbientValues.TryGetValue("strings", out var value) ? (ThemeStrings)value : null;
        var key = input.ToStringValue();
        if (words is null)
        {
            return new ValueTask<FluidValue>(new StringValue(key));
        }

        var args = Enumerable.Range(0, arguments.Count).Select(i => arguments.At(i)).Select(a => a.Type == FluidValues.Number ? (object)a.ToNumberValue() : a.ToStringValue()).ToArray();
        return new ValueTask<FluidValue>(new StringValue(words.Text(key, args)));
    }

    /// <summary>The theme shipped with the product.</summary>
    public static Theme Default => DefaultTheme.Value;

    /// <summary>The site icon (SVG), served as <c>/favicon.svg</c>.</summary>
    public byte[] Favicon => Encoding.UTF8.GetBytes(sources.GetValueOrDefault("favicon.svg", string.Empty));

    /// <summary>The stylesheet's bytes.</summary>
    public byte[] Stylesheet { get; }

    /// <summary>Where the stylesheet lives in the site; the name changes whenever its content does.</summary>
    public string StylesheetPath { get; }

    /// <summary>A hash of every file of the theme: equal fingerprints render equal pages.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The site's author profiles, kept with the theme (<c>authors/*.json</c> in its folder or container): like the
    /// theme, they shape every page that credits someone, and a change of them republishes the site.
    /// </summary>
    public Authors.AuthorProfiles Authors { get; }

    /// <summary>This theme with these author profiles.</summary>
    public Theme WithAuthors(Authors.AuthorProfiles authors) => new(sources, authors);

    /// <summary>The names of the files a theme may provide (templates and the stylesheet).</summary>
    public IReadOnlyCollection<string> FileNames => sources.Keys.ToList();

    /// <summary>
    /// This theme with some files replaced by a site owner's (same names: <c>article.liquid</c>,
    /// <c>site.css</c>, ...). Every template is parsed now, so a broken override fails at load with its name.
    /// </summary>
    public Theme WithOverrides(IReadOnlyDictionary<string, string> files)
    {
        var merged = new Dictionary<string, string>(sources, StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            // A language file replaces the words it names and keeps the rest of the theme's.
            merged[name] = IsLanguageFile(name) && sources.TryGetValue(name, out var shipped) ? ThemeStrings.Merge(shipped, text, name) : text;
        }

        var theme = new Theme(merged, Authors);
        foreach (var name in merged.Keys.Where(n => n.EndsWith(".liquid", StringComparison.Ordinal)))
        {
            theme.parsed.GetOrAdd(name[..^".liquid".Length], theme.Parse);
        }

        foreach (var (name, text) in files.Where(f => IsLanguageFile(f.Key)))
        {
            _ = ThemeStrings.Parse(text, name);
        }

        return theme;
    }

    /// <summary>The default theme with the <c>*.liquid</c>, <c>*.css</c>, <c>*.svg</c> and <c>strings.*.json</c> files of a folder laid over it.</summary>
    public static Theme FromFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => IsThemeFile(Path.GetFileName(f)))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        return Default.WithOverrides(files);
    }

    /// <summary>Renders the named template (<c>article</c>, <c>home</c>, ...) with the given values.</summary>
    /// <param name="words">The theme's words in the site's language (the <c>t</c> filter); English when null.</param>
    public async ValueTask<string> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> values, ThemeStrings? words = null)
    {
        var template = parsed.GetOrAdd(templateName, Parse);
        var context = new TemplateContext(options);
        context.AmbientValues["strings"] = words ?? Strings(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        return await template.RenderAsync(context, Encoder);
    }

    private IFluidTemplate Parse(string templateName)
    {
        var file = templateName + ".liquid";
        if (!sources.TryGetValue(file, out var source))
        {
            throw new InvalidOperationException($"The theme has no template '{file}'.");
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"The theme template '{file}' does not parse: {error}");
        }

        return template;
    }

    private static Theme LoadDefault()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Theme/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            sources[name["Theme/".Length..]] = reader.ReadToEnd();
        }

        return new Theme(sources);
    }
}
