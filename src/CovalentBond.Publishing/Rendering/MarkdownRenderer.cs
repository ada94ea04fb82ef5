using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Turns a post's Markdown body into safe HTML: CommonMark plus tables, footnotes, heading ids, smart
/// typography, auto-links, figures and emphasis extras; external links get <c>rel="noopener"</c>; raw HTML
/// passes through an allowlist sanitizer, so no script, event handler or <c>javascript:</c> URL survives.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseSmartyPants()
        .UseAutoLinks()
        .UseFigures()
        .UseEmphasisExtras()
        .UseGenericAttributes()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    /// <summary>The HTML of <paramref name="markdown"/>, sanitized.</summary>
    public string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!link.IsImage && IsExternal(link.Url))
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "noopener");
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail && IsExternal(link.Url))
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "noopener");
            }
        }

        return sanitizer.Sanitize(document.ToHtml(pipeline));
    }

    /// <summary>The body as plain text, for word counts and summaries.</summary>
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, pipeline);

    /// <summary>Words in the body, for reading time.</summary>
    public int CountWords(string markdown) =>
        ToPlainText(markdown).Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool IsExternal(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(HtmlSanitizerDefaults.AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(HtmlSanitizerDefaults.AllowedAttributes, StringComparer.OrdinalIgnoreCase) { "id", "rel", "class" },
            AllowedCssProperties = new HashSet<string>(HtmlSanitizerDefaults.AllowedCssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(HtmlSanitizerDefaults.UriAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };

        // Forms and embedded documents have no place in an article body.
        foreach (var tag in new[] { "form", "input", "button", "select", "textarea", "option", "iframe", "object", "embed", "style" })
        {
            options.AllowedTags.Remove(tag);
        }

        return new HtmlSanitizer(options);
    }
}
