using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>Every page family of the site, as the index describes it: what a republish writes and a verify checks.</summary>
public static class WholeSite
{
    /// <summary>
    /// The keys in three groups: the posts (articles, redirects, withdrawn posts), the tags and authors, and the lists
    /// (home and feeds, tags index, archives with every month: the year pages are drawn from the month
    /// keys beside them, so the archives and the months stay together).
    /// </summary>
    /// <param name="movedFrom">The <c>Site:Permalink</c> articles lived at before a change of it: each gets a redirect at its old address.</param>
    /// <param name="site">The site's settings, with where articles live now; needed with <paramref name="movedFrom"/>.</param>
    /// <param name="listed">Filled, when given, with each listed post's record by slug.</param>
    public static async Task<IReadOnlyList<IReadOnlyList<PageKey>>> PlanAsync(
        IPostIndex index, CancellationToken cancellationToken, Pages.Permalink? movedFrom = null, Site.SiteOptions? site = null, IDictionary<string, PostRecord>? listed = null)
    {
        var posts = new List<PageKey>();
        var authors = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var record in index.AllAsync(cancellationToken))
        {
            if (record.IsListed)
            {
                posts.Add(new PageKey.Article(record.Slug));
                authors.UnionWith(Authors.AuthorName.Of(record.Author).Select(a => a.Slug));
                if (listed is not null)
                {
                    listed[record.Slug] = record;
                }

                posts.AddRange(record.Aliases.Select(a => new PageKey.Redirect(a, record.Slug)));
                if (movedFrom is not null && site is not null
                    && movedFrom.Url(record.Slug, site.ToLocal(record.Date)) is var old && old != site.ArticleUrl(record.Slug, record.Date) && !record.Aliases.Contains(old))
                {
                    posts.Add(new PageKey.Redirect(old, record.Slug));
                }
            }
            else
            {
                // Gone pages, rename redirects, and removal of any page left from an earlier state.
                posts.Add(new PageKey.Withdrawn(record.Slug, record.Status == PostStatus.Deleted, record.MovedTo));
            }
        }

        var tags = (await index.TagsAsync(cancellationToken)).Items.Select(t => (PageKey)new PageKey.Tag(t.Tag.Slug))
            .Concat(authors.Select(a => new PageKey.Author(a))).ToList();
        var months = (await index.MonthsAsync(cancellationToken)).Items.Select(m => (PageKey)new PageKey.Month(m.Year, m.Month));
        List<PageKey> lists = [new PageKey.Latest(), new PageKey.TagsIndex(), new PageKey.Corrections(), new PageKey.Archives(), .. months];
        return [posts, tags, lists];
    }
}
