using System.Diagnostics;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using Markdig;

namespace CovalentBond.Bench;

/// <summary>
/// Where a full build's time goes, stage by stage, on one thread: the sources read into memory first, then each
/// stage over every post, timed alone. Usage: <c>dotnet run -c Release --project bench/CovalentBond.Bench -- build-stages DIR</c>.
/// </summary>
internal static class BuildStages
{
    public static async Task RunAsync(string folder)
    {
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToList();
        var site = new SiteOptions();
        var reader = new PostReader(site);
        var markdown = new MarkdownRenderer();
        var renderer = new PageRenderer(site, CovalentBond.Publishing.Theme.Theme.Default, markdown);
        for (var round = 0; round < 2; round++)
        {
            // Round 0 warms the JIT up; round 1 is reported.
            var clock = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            long Allocated()
            {
                var before = allocated;
                allocated = GC.GetAllocatedBytesForCurrentThread();
                return (allocated - before) / 1024 / 1024;
            }

            var posts = files.Select(f => reader.Read(f.Bytes, f.Name).Post!).ToList();
            var read = clock.Elapsed;
            var readMb = Allocated();
            clock.Restart();
            var bodies = posts.Select(p => markdown.Render(p.Body, p.BodyLine, out _)).ToList();
            var render = clock.Elapsed;
            var renderMb = Allocated();
            if (round == 1)
            {
                // The fast path (no sanitizer for safe bodies) must give the sanitizer's bytes.
                var sanitized = new MarkdownRenderer { AlwaysSanitize = true };
                var differ = posts.Where((p, i) => sanitized.Render(p.Body, p.BodyLine, out _).Html != bodies[i].Html).Count();
                var skipped = posts.Count(p => !markdown.NeedsSanitizer(p.Body));
                Console.WriteLine($"bodies that skipped the sanitizer: {skipped} of {posts.Count}; bodies whose HTML differs from the sanitizer's: {differ}");
            }

            clock.Restart();
            var pipeline = new Markdig.MarkdownPipelineBuilder().UsePipeTables().UseGridTables().UseFootnotes().UseSmartyPants().UseAutoLinks().UseFigures().UseEmphasisExtras().UseGenericAttributes().Build();
            var htmls = posts.Select(p => Markdig.Markdown.ToHtml(p.Body, pipeline)).ToList();
            var markdigOnly = clock.Elapsed;
            clock.Restart();
            var sanitizer = new Ganss.Xss.HtmlSanitizer();
            foreach (var html in htmls)
            {
                _ = sanitizer.Sanitize(html);
            }

            var sanitizeOnly = clock.Elapsed;
            clock.Restart();
            Allocated();
            var sorted = posts.OrderByDescending(p => p.Date).ToList();
            var latest = sorted.Take(site.LatestCount + 1).Select(PostSummary.Of).ToList();
            var latestOnly = TimeSpan.Zero;
            long bytes = 0;
            for (var i = 0; i < posts.Count; i++)
            {
                var page = await ArticlePage.RenderAsync(renderer, posts[i], latest, bodies[i]);
                bytes += page.Content.Length;
            }

            var pages = clock.Elapsed;
            var pagesMb = Allocated();
            clock.Restart();
            for (var i = 0; i < posts.Count; i++)
            {
                _ = await renderer.LatestHtmlAsync(latest.Take(site.LatestCount).ToList());
            }

            latestOnly = clock.Elapsed;
            if (round == 1)
            {
                Console.WriteLine($"{posts.Count} posts, one thread, second round:");
                Console.WriteLine($"| stage | ms | allocated MB |");
                Console.WriteLine($"|---|---:|---:|");
                Console.WriteLine($"| read (front matter, checks) | {read.TotalMilliseconds:F0} | {readMb} |");
                Console.WriteLine($"| body (Markdig, sanitizer, words) | {render.TotalMilliseconds:F0} | {renderMb} |");
                Console.WriteLine($"| of which Markdig alone (parse, HTML) | {markdigOnly.TotalMilliseconds:F0} | |");
                Console.WriteLine($"| of which the sanitizer alone | {sanitizeOnly.TotalMilliseconds:F0} | |");
                Console.WriteLine($"| article page (templates, JSON-LD) | {pages.TotalMilliseconds:F0} | {pagesMb} |");
                Console.WriteLine($"| of which the latest-news list | {latestOnly.TotalMilliseconds:F0} | |");
                Console.WriteLine($"article bytes: {bytes / 1024 / 1024} MB");
            }
        }
    }
}
