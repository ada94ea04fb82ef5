using Markdig;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// Gives every heading an <c>id</c> as GitHub does (<c>LinkHelper.UrilizeAsGfm</c> of its text, "section"
/// when that is empty, <c>-1</c>, <c>-2</c>… on a repeat), in one linear pass after parsing. Markdig's own
/// auto-identifiers count each repeat from 1 again, which made 20,000 equal headings take half a minute.
/// </summary>
internal sealed class HeadingIdentifiers : IMarkdownExtension
{
    /// <summary>The ids the article page itself gives (the theme's): a heading "Corrections" becomes <c>corrections-1</c>.</summary>
    internal static readonly string[] PageIds = ["main", "latest-news-heading", "corrections", "corrections-heading", "updates", "updates-heading", "related-heading"];

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= Assign;
        pipeline.DocumentProcessed += Assign;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void Assign(MarkdownDocument document)
    {
        var taken = new HashSet<string>(PageIds, StringComparer.Ordinal);
        var nextSuffix = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = new StringWriter();
        var strip = new HtmlRenderer(text) { EnableHtmlForInline = false, EnableHtmlEscape = false };
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Inline is null || heading.GetAttributes().Id is not null)
            {
                continue;
            }

            text.GetStringBuilder().Clear();
            strip.Render(heading.Inline);
            var urilized = LinkHelper.UrilizeAsGfm(text.ToString());
            var id = string.IsNullOrEmpty(urilized) ? "section" : urilized;
            if (!taken.Add(id))
            {
                // Continue where the last repeat of this text stopped: linear however often it repeats.
                var root = id;
                var suffix = nextSuffix.GetValueOrDefault(root, 1);
                while (!taken.Add(id = $"{root}-{suffix}"))
                {
                    suffix++;
                }

                nextSuffix[root] = suffix + 1;
            }

            heading.GetAttributes().Id = id;
        }
    }
}
