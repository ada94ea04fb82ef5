using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;

namespace CovalentBond.Publishing.Edge;

/// <summary>
/// Which addresses a change takes off the CDN's edges. Short lifetimes keep news pages fresh by themselves; a purge is for
/// what must not wait or may be cached long: a withdrawal (unpublish, delete, a move), a correction, a change of aliases,
/// and any change to a post past its news window (its article and past months' pages are <see cref="CacheLifetimes.Settled"/>).
/// Then every file the change wrote or removed is purged, at both of its addresses (<c>/x/</c> and <c>/x/index.html</c>).
/// </summary>
public static class PurgePlan
{
    /// <summary>Why the change is purged, or null when its pages' lifetimes are short enough.</summary>
    public static string? Reason(PostRecord? old, PostRecord @new, DateTimeOffset now)
    {
        var wasListed = old?.IsListed == true;
        if (wasListed && !@new.IsListed)
        {
            return "withdrawn";
        }

        // A post that was not on the site was cached nowhere; only a past month's pages it joins may be held long.
        if (old is null || !wasListed)
        {
            return @new.IsListed && !CacheLifetimes.IsNews(@new.GoesLiveAt, @new.Modified, now) ? "past its news window" : null;
        }

        if (!old.Corrections.SequenceEqual(@new.Corrections))
        {
            return "corrected";
        }

        if (!old.Aliases.SequenceEqual(@new.IsListed ? @new.Aliases : []))
        {
            return "aliases changed";
        }

        var settled = !CacheLifetimes.IsNews(old.GoesLiveAt, old.Modified, now)
            || (@new.IsListed && !CacheLifetimes.IsNews(@new.GoesLiveAt, @new.Modified, now));
        return settled ? "past its news window" : null;
    }

    /// <summary>The addresses readers reach <paramref name="files"/> at, each percent-encoded as a browser sends it.</summary>
    public static IReadOnlyList<string> AddressesOf(IEnumerable<string> files) =>
        files.SelectMany(AddressesOf).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> AddressesOf(string file)
    {
        var encoded = "/" + string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
        if (file == "index.html" || file.EndsWith("/index.html", StringComparison.Ordinal))
        {
            yield return encoded[..^"index.html".Length];
        }

        yield return encoded;
    }
}
