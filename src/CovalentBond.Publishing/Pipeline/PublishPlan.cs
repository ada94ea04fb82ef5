using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Which parts of the site one change touches: the post's own page, and the pages of every list the post
/// is or was in. The rest of the site is not touched. Every page in a plan is written only if its
/// inputs changed (pages carry the version of what they were rendered from), so planning generously
/// costs reads, not writes, and a repeated delivery writes nothing.
/// </summary>
public static class PublishPlan
{
    public static IReadOnlyList<PageKey> For(PostRecord? old, PostRecord @new, SiteOptions site)
    {
        var keys = new List<PageKey>
        {
            @new.IsListed ? new PageKey.Article(@new.Slug) : new PageKey.Withdrawn(@new.Slug, Gone: @new.Status == PostStatus.Deleted, @new.MovedTo),
        };

        var ofNew = PostList.Of(@new, site);
        var ofOld = old is null ? [] : PostList.Of(old, site);
        var lists = ofNew.Concat(ofOld).Distinct().ToList();
        if (lists.Contains(PostList.Latest))
        {
            keys.Add(new PageKey.Latest());
        }

        foreach (var list in lists.Where(l => l.IsTag))
        {
            keys.Add(new PageKey.Tag(list.TagSlug));
        }

        // An author's page key carries the oldest date the change touches there: a new post moves only their newest pages.
        foreach (var list in lists.Where(l => l.IsAuthor))
        {
            var changed = ofOld.Contains(list) && (!ofNew.Contains(list) || old!.Date < @new.Date) ? old!.Date : @new.Date;
            keys.Add(new PageKey.Author(list.AuthorSlug, changed));
        }

        if (lists.Contains(PostList.Corrections))
        {
            keys.Add(new PageKey.Corrections());
        }
        else if (old is null && ofNew.Count > 0)
        {
            keys.Add(new PageKey.Corrections(Ensure: true));
        }

        if (lists.Any(l => l.IsTag))
        {
            keys.Add(new PageKey.TagsIndex());
        }

        foreach (var list in lists.Where(l => l.IsMonth))
        {
            var (year, month) = list.YearMonth;
            keys.Add(new PageKey.Month(year, month));
        }

        if (lists.Any(l => l.IsMonth))
        {
            keys.Add(new PageKey.Archives());
        }

        // A post that appears, changes how lists show it, or goes: the articles that suggest it follow (Pages/RelatedStories).
        var wasListed = old?.IsListed == true;
        if ((@new.IsListed || wasListed)
            && (@new.IsListed != wasListed || old!.Title != @new.Title || old.Date != @new.Date || !old.Tags.SequenceEqual(@new.Tags)))
        {
            var tags = (old?.Tags ?? []).Concat(@new.Tags).Select(t => t.Slug).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (tags.Count > 0)
            {
                keys.Add(new PageKey.Neighbours(@new.Slug, tags));
            }
        }

        var wanted = @new.IsListed ? @new.Aliases : [];
        // An alias is its file: one written another way (an index from before addresses were made canonical) is the same alias.
        var wantedFiles = wanted.Select(a => Ownership.AliasAddress.FileOf(a) ?? a).ToHashSet(StringComparer.Ordinal);
        keys.AddRange((old?.Aliases ?? []).Where(a => !wantedFiles.Contains(Ownership.AliasAddress.FileOf(a) ?? a)).Select(a => new PageKey.RemoveRedirect(a, old!.Slug)));
        keys.AddRange(wanted.Select(a => new PageKey.Redirect(a, @new.Slug)));
        return keys;
    }
}
