using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Build;

/// <summary>
/// A source file to build: its name (for slugs and error messages) and bytes, held in memory or read from disk
/// when the build needs them (<see cref="OnDisk"/>), so that a large site is never held whole.
/// </summary>
public sealed record SourceFile(string Name, ReadOnlyMemory<byte> Content)
{
    private string? DiskPath { get; init; }

    /// <summary>A file read when the build needs it, and read again if it needs it twice.</summary>
    public static SourceFile OnDisk(string name, string path) => new(name, ReadOnlyMemory<byte>.Empty) { DiskPath = path };

    /// <summary>The file's bytes.</summary>
    public ReadOnlyMemory<byte> Read() => DiskPath is null ? Content : File.ReadAllBytes(DiskPath);
}

/// <summary>A problem in one source file.</summary>
public sealed record SourceProblem(string FileName, PostProblem Problem)
{
    /// <summary><c>file:line: field: message</c>, the form editors and CI logs understand.</summary>
    public override string ToString() => Problem.In(FileName);
}

/// <summary>The images of a build: files among the sources, the content folder they are keyed under, and how to process them.</summary>
public sealed record BuildMedia(IReadOnlyList<SourceFile> Images, string ContentFolder, ImageProcessor Processor);

/// <summary>The whole site built from a set of sources.</summary>
/// <param name="Pages">Every page, when the build collected them; empty when they went to an <see cref="IPageSink"/>.</param>
/// <param name="Published">The posts on the site, newest first (their bodies are not kept).</param>
public sealed record StaticBuildResult(
    IReadOnlyList<SitePage> Pages,
    IReadOnlyList<SourceProblem> Problems,
    IReadOnlyList<Post> Published,
    IReadOnlyList<(string FileName, Post Post, PostVisibility Visibility)> NotShown)
{
    /// <summary>What an editor should look at in posts that built: images without alt text or not found.</summary>
    public IReadOnlyList<SourceProblem> Warnings { get; init; } = [];

    /// <summary>How many files the build wrote to its sink (pages, feeds, sitemaps, image variants).</summary>
    public int PageCount { get; init; }
}

/// <summary>Where a build puts each page as it is made. Called from every core at once: it must be safe to share.</summary>
public interface IPageSink
{
    ValueTask WriteAsync(SitePage page, CancellationToken cancellationToken);

    /// <summary>
    /// Where the articles of the site this sink held before lived (<c>Site:Permalink</c>), when that is known; a build
    /// with another pattern leaves a redirect at each article's old address.
    /// </summary>
    Pages.Permalink? PreviousArticles => null;
}

/// <summary>Keeps every page in memory (tests, small sites, callers that want the list).</summary>
internal sealed class PageCollector : IPageSink
{
    private readonly List<SitePage> pages = [];

    public IReadOnlyList<SitePage> Pages
    {
        get
        {
            lock (pages)
            {
                return pages.ToList();
            }
        }
    }

    public ValueTask WriteAsync(SitePage page, CancellationToken cancellationToken)
    {
        lock (pages)
        {
            pages.Add(page);
        }

        return ValueTask.CompletedTask;
    }
}
