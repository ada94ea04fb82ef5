using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace CovalentBond.Publishing.Rendering;

/// <summary>The Markdown of a post took longer to parse than <see cref="Posts.PostLimits.RenderBudget"/> allows.</summary>
public sealed class RenderBudgetExceededException(TimeSpan budget)
    : Exception($"the body takes longer than {budget.TotalSeconds:0.#} s to render; simplify it or split it into several posts");

/// <summary>
/// A deadline for parsing one body, in CPU time of the parsing thread (<see cref="CpuDeadline"/>). A no-op inline parser placed first for the characters that start
/// links, emphasis, code and auto-links checks the clock each time it is asked: Markdig's inline parsers
/// can be quadratic on hostile text (thousands of unclosed <c>[a](</c>), and this stops them within one
/// step of the deadline instead of letting them run for minutes.
/// </summary>
internal sealed class RenderBudget : IMarkdownExtension
{
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

    /// <summary>A parser context that carries <paramref name="deadline"/>.</summary>
    public static MarkdownParserContext Context(CpuDeadline deadline) => new DeadlineContext(deadline);

    /// <summary>The deadline in a field, not the context's property bag: the check runs for most characters of a body.</summary>
    private sealed class DeadlineContext(CpuDeadline deadline) : MarkdownParserContext
    {
        private int calls;

        public TimeSpan Budget => deadline.Budget;

        /// <summary>Whether the parse has used its budget of CPU, asking on every 16th call (each call is one inline step).</summary>
        public bool Passed() => (++calls & 15) == 0 && deadline.Passed();
    }

    private sealed class DeadlineCheck : InlineParser
    {
        public DeadlineCheck()
        {
            OpeningCharacters = ['[', ']', '(', '*', '_', '`', '<', '!', '&', '\\', '~', '^', 'h', 'w', 'f', 'm'];
        }

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (processor.Context is DeadlineContext context && context.Passed())
            {
                throw new RenderBudgetExceededException(context.Budget);
            }

            return false;
        }
    }
}
