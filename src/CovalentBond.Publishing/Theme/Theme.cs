using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

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

    private Theme(IReadOnlyDictionary<string, string> sources)
    {
        this.sources = sources;
        Stylesheet = Encoding.UTF8.GetBytes(sources.GetValueOrDefault("site.css", string.Empty));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Stylesheet))[..12];
        StylesheetPath = $"assets/site.{hash}.css";
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\0', sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "\0" + s.Value)))));

        options = new TemplateOptions();
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in typeof(Views.SiteView).Assembly.GetTypes().Where(t => t.Namespace == typeof(Views.SiteView).Namespace))
        {
            options.MemberAccessStrategy.Register(type);
        }
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
            merged[name] = text;
        }

        var theme = new Theme(merged);
        foreach (var name in merged.Keys.Where(n => n.EndsWith(".liquid", StringComparison.Ordinal)))
        {
            theme.parsed.GetOrAdd(name[..^".liquid".Length], theme.Parse);
        }

        return theme;
    }

    /// <summary>The default theme with the <c>*.liquid</c>, <c>*.css</c> and <c>*.svg</c> files of a folder laid over it.</summary>
    public static Theme FromFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".liquid", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        return Default.WithOverrides(files);
    }

    /// <summary>Renders the named template (<c>article</c>, <c>home</c>, ...) with the given values.</summary>
    public async ValueTask<string> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> values)
    {
        var template = parsed.GetOrAdd(templateName, Parse);
        var context = new TemplateContext(options);
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
