using Markdig;

namespace CovalentBond.Publishing.Rendering;

/// <summary>Turns a post's Markdown body into HTML with the site's Markdig pipeline.</summary>
/// <remarks>
/// Raw HTML in the Markdown is not passed through: it is shown as text. An allowlist sanitizer that lets
/// safe HTML through is a later step (issue 3); until then escaping is the safe default.
/// </remarks>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .UseSmartyPants()
        .DisableHtml()
        .Build();

    public string ToHtml(string markdown) => Markdown.ToHtml(markdown, pipeline);

    /// <summary>The body as plain text, for word counts and summaries.</summary>
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, pipeline);
}
