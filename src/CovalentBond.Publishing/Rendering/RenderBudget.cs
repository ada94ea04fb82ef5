using System.Diagnostics;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace CovalentBond.Publishing.Rendering;

/// <summary>The Markdown of a post took longer to parse than <see cref="Posts.PostLimits.RenderBudget"/> allows.</summary>
public sealed class RenderBudgetExceededException(TimeSpan budget)
    : Exception($"the body takes longer than {budget.TotalSeconds:0.#} s to render; simplify it or split it into several posts");

/// <summary>
/// A deadline for parsing one body. A no-op inline parser placed first for the characters that start
/// links, emphasis, code and auto-links checks the clock each time it is asked: Markdig's inline parsers
/// can be quadratic on hostile text (thousands of unclosed <c>[a](</c>), and this stops them within one
/// step of the deadline instead of letting them run for minutes.
/// </summary>
internal sealed class RenderBudget : IMarkdownExtension
{
    private const string DeadlineKey = "covalent-deadline";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<DeadlineCheck>())
        {
            pipeline.InlineParsers.Insert(0, new DeadlineCheck());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>A parser context that carries a deadline <paramref name="budget"/> from now.</summary>
    public static MarkdownParserContext Context(TimeSpan budget)
    {
        var context = new MarkdownParserContext();
        context.Properties[DeadlineKey] = (Stopwatch.GetTimestamp(), budget);
        return context;
    }

    private sealed class DeadlineCheck : InlineParser
    {
        public DeadlineCheck()
        {
            OpeningCharacters = ['[', ']', '(', '*', '_', '`', '<', '!', '&', '\\', '~', '^', 'h', 'w', 'f', 'm'];
        }

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (processor.Context?.Properties.TryGetValue(DeadlineKey, out var value) == true
                && value is (long start, TimeSpan budget)
                && Stopwatch.GetElapsedTime(start) > budget)
            {
                throw new RenderBudgetExceededException(budget);
            }

            return false;
        }
    }
}
