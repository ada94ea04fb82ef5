using System.Diagnostics;
using System.Text;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>
/// The render budget counts the CPU a post's own text costs: a post rendered while the machine holds its thread
/// up (other work on a loaded worker, a pause of the process) is not refused, and one whose text burns the
/// budget still is.
/// </summary>
public sealed class RenderBudgetTests
{
    private static readonly SiteOptions Site = new();

    [Fact]
    public void A_thread_that_waits_past_the_budget_has_not_used_it()
    {
        var deadline = new CpuDeadline(TimeSpan.FromMilliseconds(300));

        Thread.Sleep(TimeSpan.FromMilliseconds(700));

        Assert.False(deadline.Passed());
    }

    [Fact]
    public void A_thread_that_computes_past_the_budget_has_used_it()
    {
        var budget = TimeSpan.FromMilliseconds(300);
        var cpuBefore = ThreadCpuClock.Now()!.Value;
        var deadline = new CpuDeadline(budget);
        var wall = Stopwatch.StartNew();
        var passed = false;
        var spin = 0L;
        while (!passed && wall.Elapsed < TimeSpan.FromSeconds(30))
        {
            for (var i = 0; i < 10_000; i++)
            {
                spin += i % 7;
            }

            passed = deadline.Passed();
        }

        Assert.True(passed, $"30 s of spinning never used a {budget.TotalMilliseconds} ms budget ({spin})");
        Assert.True(ThreadCpuClock.Now()!.Value - cpuBefore >= budget, "the deadline passed before the thread used its budget of CPU");
    }

    [Fact]
    public void A_post_whose_thread_is_held_up_longer_than_the_budget_still_prepares()
    {
        var preparer = new PostPreparer(new PostReader(Site), new PageRenderer(Site, Theme.Theme.Default, new MarkdownRenderer()));
        var post = "---\ntitle: Held up\ndate: 2025-05-20\n---\nThe picture:\n\n![A harbour at dawn](harbour.jpg)\n";

        var preparation = preparer.Prepare(Encoding.UTF8.GetBytes(post), "held-up.md", media: new HeldUpCatalog(PostLimits.RenderBudget * 1.5));

        Assert.True(preparation.IsValid, string.Join("; ", preparation.Problems));
    }

    [Fact]
    public void A_body_that_costs_more_than_the_budget_is_refused_with_the_reason()
    {
        var preparer = new PostPreparer(new PostReader(Site), new PageRenderer(Site, Theme.Theme.Default, new MarkdownRenderer()));
        var body = string.Concat(Enumerable.Repeat("[a](", 60_000));
        var cpuBefore = ThreadCpuClock.Now()!.Value;

        var preparation = preparer.Prepare(Encoding.UTF8.GetBytes($"---\ntitle: Brackets\ndate: 2025-05-20\n---\n{body}\n"), "brackets.md");

        var problem = Assert.Single(preparation.Problems);
        Assert.Equal("body", problem.Field);
        Assert.Contains("longer than 1 s to render", problem.Message, StringComparison.Ordinal);
        Assert.True(ThreadCpuClock.Now()!.Value - cpuBefore >= PostLimits.RenderBudget, "refused before the post used its budget of CPU");
    }

    /// <summary>Images no post has, looked up on a thread the machine holds up for <paramref name="hold"/>: the stall is not the post's.</summary>
    private sealed class HeldUpCatalog(TimeSpan hold) : IMediaCatalog, IMediaResolver
    {
        public IMediaResolver ResolverFor(string slug, string? sourceName) => this;

        public MediaImage? Resolve(string url)
        {
            Thread.Sleep(hold);
            return null;
        }

        public string? KeyOf(string url) => NoMedia.Instance.KeyOf(url);
    }
}
