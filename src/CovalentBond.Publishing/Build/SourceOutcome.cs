using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Build;

/// <summary>What a build learned of one source file: its post without the body, and whether the body renders.</summary>
internal sealed class SourceOutcome
{
    private PreparedPost? prepared;

    private SourceOutcome(SourceFile source) => Source = source;

    /// <summary>Newest first; on the same date, by slug.</summary>
    public static readonly IComparer<SourceOutcome> NewestFirst = Comparer<SourceOutcome>.Create(
        (a, b) => b.Post!.Date.CompareTo(a.Post!.Date) is var c and not 0 ? c : string.CompareOrdinal(a.Post!.Slug, b.Post!.Slug));

    public SourceFile Source { get; }

    /// <summary>The post, its body dropped (null when the front matter was refused).</summary>
    public Post? Post { get; private set; }

    public PostVisibility Visibility { get; private set; }

    /// <summary>Whether the body renders within every limit; null until it has been rendered.</summary>
    public bool? BodyValid { get; private set; }

    /// <summary>Whether this file owns its slug (the first, by file name, of the files that claim it).</summary>
    public bool Owner { get; set; }

    public MediaImage? Hero { get; private set; }

    public List<PostProblem> Problems { get; } = [];

    public IReadOnlyList<PostProblem> Warnings { get; private set; } = [];

    public PostSummary Summary => PostSummary.Of(Post!) with { Hero = Hero };

    /// <summary>Whether the post is on the site's pages (when <paramref name="checkBody"/>, only once its body rendered).</summary>
    public bool Listed(bool checkBody) =>
        Post is not null && Owner && Visibility == PostVisibility.Published && (checkBody ? BodyValid == true : BodyValid != false);

    public static SourceOutcome Read(PostReader reader, SourceFile source, DateTimeOffset now)
    {
        var outcome = new SourceOutcome(source);
        PostParseResult parsed;
        try
        {
            parsed = reader.Read(source.Read().Span, source.Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            outcome.Problems.Add(new PostProblem(null, null, $"the file could not be read: {e.Message}"));
            return outcome;
        }

        if (!parsed.IsValid)
        {
            outcome.Problems.AddRange(parsed.Problems);
            return outcome;
        }

        outcome.Post = parsed.Post! with { Body = string.Empty };
        outcome.Visibility = outcome.Post.VisibilityAt(now);
        return outcome;
    }

    /// <summary>
    /// Reads the source's body again (not its front matter) and renders it, as a publish does; keeps the result for
    /// its page when <paramref name="keep"/>.
    /// </summary>
    /// <param name="slugs">Every slug of the build: a reference to a post that is not among them is a problem of this post.</param>
    public PreparedPost? Prepare(PostPreparer preparer, IMediaCatalog catalog, bool keep, IReadOnlySet<string> slugs)
    {
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = Source.Read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(new PostProblem(null, null, $"the file could not be read again: {e.Message}"));
            return null;
        }

        var preparation = preparer.Reader.ReadBody(bytes.Span) is { } body
            ? preparer.Prepare(Post! with { Body = body.Body, BodyLine = body.BodyLine }, Source.Name, catalog)
            // The file changed since its front matter was read: read it whole again, to report what is wrong with it now.
            : preparer.Prepare(bytes.Span, Source.Name, media: catalog);
        if (!preparation.IsValid)
        {
            BodyValid = false;
            Problems.AddRange(preparation.Problems);
            return null;
        }

        var broken = preparation.Prepared!.Body.References.Where(r => !slugs.Contains(r.Slug)).ToList();
        if (broken.Count > 0)
        {
            BodyValid = false;
            Problems.AddRange(broken.Select(r => new PostProblem(r.Line, "shortcode", $"'{r.Text}' refers to a post that is not in the site (no post has the slug '{r.Slug}')")));
            return null;
        }

        BodyValid = true;
        Warnings = preparation.Prepared!.Warnings;
        Hero = preparation.Prepared.Hero;
        prepared = keep ? preparation.Prepared : null;
        return preparation.Prepared;
    }

    /// <summary>Takes the post off the site with <paramref name="problem"/>: its page could not be made.</summary>
    public void Fail(PostProblem problem)
    {
        BodyValid = false;
        lock (Problems)
        {
            Problems.Add(problem);
        }
    }

    /// <summary>The post prepared before, handed over once.</summary>
    public PreparedPost? TakePrepared()
    {
        var taken = prepared;
        prepared = null;
        return taken;
    }
}
