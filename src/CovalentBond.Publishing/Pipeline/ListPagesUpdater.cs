using CovalentBond.Publishing.Feeds;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Sitemaps;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// The list pages of an update (the home page and its feeds, a tag's page and feeds, an author's pages and feed, the tags' index, a month's page
/// and sitemap, the archives), rendered from the index and written by the update's <see cref="IPageWriter"/>: what
/// every path that makes these pages runs (publish, republish, verify, and the build from an index of its own).
/// Each list's page is versioned by its list's counter.
/// </summary>
internal sealed class ListPagesUpdater(PageRenderer renderer, IPostIndex index, TimeProvider clock, IPageWriter writer, BatchSnapshot? snapshot)
{
    /// <summary>Brings the pages of one list key up to date; null for a key that is not a list's.</summary>
    /// <param name="years">The years of the months this update brings up to date: their pages go with the archives.</param>
    public async Task<List<string>?> UpdateAsync(PageKey key, UpdateReads reads, IReadOnlySet<int> years, CancellationToken cancellationToken) => key switch
    {
        PageKey.Latest => await LatestAsync(reads, cancellationToken),
        PageKey.Tag t => await TagAsync(reads, t.Slug, cancellationToken),
        PageKey.Author a => await AuthorAsync(a.Slug, a.Changed, cancellationToken),
        PageKey.TagsIndex => await TagsIndexAsync(reads, cancellationToken),
        PageKey.Corrections c => await CorrectionsAsync(c.Ensure, cancellationToken),
        PageKey.Month m => await MonthAsync(m.Year, m.MonthNumber, cancellationToken),
        PageKey.Archives => await ArchivesAsync(reads, years, cancellationToken),
        _ => null,
    };

    public async Task<List<string>> LatestAsync(UpdateReads reads, CancellationToken cancellationToken)
    {
        var slice = await reads.LatestAsync();
        var latest = slice.Posts.Take(renderer.Site.LatestCount).ToList();
        var feed = ListFiles.SiteFeed(renderer, latest);
        return await writer.WriteAsync(slice.Seq, cancellationToken,
            await HomePage.RenderAsync(renderer, latest),
            RssFeed.Render(renderer.Site, SitePaths.Rss, feed),
            AtomFeed.Render(renderer.Site, SitePaths.Atom, feed),
            Sitemap.RenderNews(renderer.Site, slice.Posts, clock.GetUtcNow()));
    }

    public async Task<List<string>> TagAsync(UpdateReads reads, string slug, CancellationToken cancellationToken)
    {
        var slice = await index.ListAsync(PostList.Tag(slug), renderer.Site.TagPageSize, cancellationToken);
        var paths = ListFiles.TagPaths(renderer.Site, slug);
        if (slice.Count == 0)
        {
            return await writer.DeleteAsync(slice.Seq, cancellationToken, paths);
        }

        var tag = await TagNameAsync(reads, slug, slice);
        var written = await writer.WriteAsync(slice.Seq, cancellationToken,
            [await TagPage.RenderAsync(renderer, tag, slice.Posts, slice.Count), .. ListFiles.TagFeeds(renderer, tag, slice.Posts)]);
        if (written.Count > 0 && (await index.ListAsync(PostList.Tag(slug), 0, cancellationToken)) is { Count: 0 } now)
        {
            written.AddRange(await writer.DeleteAsync(now.Seq, cancellationToken, paths));
        }

        return written;
    }

    private static async Task<Tag> TagNameAsync(UpdateReads reads, string slug, ListSlice slice)
    {
        var tags = await reads.TagsAsync();
        return tags.Items.FirstOrDefault(t => t.Tag.Slug == slug)?.Tag
            ?? slice.Posts.SelectMany(p => p.Tags).First(t => t.Slug == slug);
    }

    /// <summary>
    /// An author's front page (their newest <see cref="Site.SiteOptions.TagPageSize"/> posts), their archive pages (full pages
    /// numbered from their oldest post, newest first within each) and their feed. A new post, or any change among the
    /// newest posts, moves only the front page, the feed and, when a page fills or empties, the newest archive pages: they
    /// come from one read of the list's head, so a publish costs the same for an author of 10 posts as of 10,000. A change further back (an old post edited or
    /// withdrawn, a post dated in the past), and a republish or build, render every page from the whole list.
    /// </summary>
    /// <param name="changed">The oldest date the change touched; null for every page.</param>
    public async Task<List<string>> AuthorAsync(string slug, DateTimeOffset? changed, CancellationToken cancellationToken)
    {
        var list = PostList.Author(slug);
        var size = renderer.Site.TagPageSize;
        var slice = await index.ListAsync(list, Math.Max(size + 1, renderer.Site.LatestCount), cancellationToken);
        var whole = changed is null || (slice.Posts.Count > size && changed < slice.Posts[size].Date);
        if (!whole && MovesArchives(slice, size, changed!.Value) && slice.Posts.Count < slice.Count)
        {
            slice = await index.ListAsync(list, 3 * size, cancellationToken);
        }
        else if (whole && slice.Posts.Count < slice.Count)
        {
            slice = await index.ListAsync(list, int.MaxValue, cancellationToken);
        }

        if (slice.Count == 0)
        {
            return await writer.DeleteAsync(slice.Seq, cancellationToken, SitePaths.Author(slug), SitePaths.AuthorRss(slug), SitePaths.Author(slug, 1));
        }

        // Named as their oldest post read here spells them (as a tag is), unless their profile names them; a list whose rows
        // no longer spell the slug (a row from an older slugifier) still gets its pages, under the slug.
        var author = slice.Posts.SelectMany(p => Authors.AuthorName.Of(p.Author)).LastOrDefault(a => a.Slug == slug) ?? new Authors.AuthorName(slug, slug);
        var count = slice.Count;
        var archives = ListFiles.AuthorArchivePages(renderer.Site, count);
        var pages = new List<SitePage> { await AuthorPage.RenderAsync(renderer, author, slice.Posts.Take(size).ToList(), count, 0, archives) };
        IEnumerable<int> numbers = whole ? Enumerable.Range(1, archives)
            : MovesArchives(slice, size, changed!.Value) ? Enumerable.Range(Math.Max(1, archives - 1), Math.Min(2, archives))
            : [];
        foreach (var number in numbers)
        {
            // Archive page k holds the k-th full page from the oldest: from the head, the posts count - k × size onwards.
            pages.Add(await AuthorPage.RenderAsync(renderer, author, slice.Posts.Skip(count - (number * size)).Take(size).ToList(), count, number, archives));
        }

        pages.Add(ListFiles.AuthorFeed(renderer, author, slice.Posts));
        var written = await writer.WriteAsync(slice.Seq, cancellationToken, [.. pages]);

        // A withdrawal that left the count a whole number of pages took the last archive page's posts to the front page:
        // that page goes (unless a listing says it is not there, as a republish of an unchanged site knows).
        if ((whole || count % size == 0) && snapshot?.Deployed(SitePaths.Author(slug, archives + 1)) is not { Exists: false })
        {
            written.AddRange(await writer.DeleteAsync(slice.Seq, cancellationToken, SitePaths.Author(slug, archives + 1)));
        }

        if (written.Count > 0 && (await index.ListAsync(list, 0, cancellationToken)) is { Count: 0 } now)
        {
            written.AddRange(await writer.DeleteAsync(now.Seq, cancellationToken, SitePaths.Author(slug), SitePaths.AuthorRss(slug), SitePaths.Author(slug, 1)));
        }

        return written;
    }

    /// <summary>
    /// Whether a change among an author's newest posts moves their newest archive pages: the count crossed a page's edge
    /// (a page filled, or a withdrawal emptied one), or the change reached into the newest archive page itself.
    /// </summary>
    private bool MovesArchives(ListSlice head, int size, DateTimeOffset changed)
    {
        var count = head.Count;
        if (count <= size)
        {
            return false;
        }

        // From the head, the newest archive page starts after the posts of the page now filling.
        var newest = count - (ListFiles.AuthorArchivePages(renderer.Site, count) * size);
        return count % size <= 1 || (head.Posts.Count > newest && changed <= head.Posts[newest].Date);
    }

    public async Task<List<string>> TagsIndexAsync(UpdateReads reads, CancellationToken cancellationToken)
    {
        var tags = await reads.TagsAsync();
        var months = await reads.MonthsAsync();
        var written = await writer.WriteAsync(tags.Seq, cancellationToken, await TagsIndexPage.RenderAsync(renderer, tags.Items.Select(t => (t.Tag, t.Count)).ToList()));
        written.AddRange(await writer.WriteAsync(tags.Seq + months.Seq, cancellationToken, ListFiles.ListPagesSitemap(renderer, tags.Items, months.Items)));
        return written;
    }

    /// <summary>
    /// The corrections page and feed, from the list of corrected posts (most recently corrected first) and each one's record:
    /// the list's rows are what lists show of a post, its record holds the corrections. Written when the list changes.
    /// </summary>
    /// <param name="ensure">Only make sure the page is there: nothing is read but the list's counter when a post carries a correction.</param>
    public async Task<List<string>> CorrectionsAsync(bool ensure, CancellationToken cancellationToken)
    {
        if (ensure && (await index.ListAsync(PostList.Corrections, 0, cancellationToken)).Count > 0)
        {
            return [];
        }

        var slice = await index.ListAsync(PostList.Corrections, CorrectionsPage.PostCount, cancellationToken);
        var records = await Task.WhenAll(slice.Posts.Select(p => index.GetAsync(p.Slug, cancellationToken)));
        var corrected = slice.Posts.Zip(records)
            .Where(p => p.Second is { IsListed: true, Corrections.Count: > 0 })
            .Select(p => (p.First, p.Second!.Corrections))
            .ToList();

        var notes = CorrectionsPage.Notes(corrected);
        return await writer.WriteAsync(slice.Seq, cancellationToken, await CorrectionsPage.RenderAsync(renderer, notes), ListFiles.CorrectionsFeed(renderer, notes));
    }

    public async Task<List<string>> MonthAsync(int year, int month, CancellationToken cancellationToken)
    {
        var list = PostList.Month(year, month);
        string[] paths = [SitePaths.ArchiveMonth(year, month), SitePaths.MonthSitemap(year, month)];

        // A month's page needs all its posts (a query, not the list's head): with the rendering of the last republish,
        // pages listed as rendered from the list's current state are right already, which its counter alone tells.
        if (snapshot is { SameRendering: true } && paths.Select(snapshot.Deployed).ToList() is [{ Exists: true } page, { Exists: true } sitemap]
            && (await index.ListAsync(list, 0, cancellationToken)) is { Count: > 0 } head && page.Version == head.Seq && sitemap.Version == head.Seq)
        {
            return [];
        }

        var slice = await index.ListAsync(list, int.MaxValue, cancellationToken);
        if (slice.Count == 0)
        {
            return await writer.DeleteAsync(slice.Seq, cancellationToken, paths);
        }

        var archive = new ArchiveMonth(year, month, slice.Posts);
        var lifetime = CacheLifetimes.Month(year, month, renderer.Site, clock.GetUtcNow());
        var written = await writer.WriteAsync(slice.Seq, cancellationToken,
            (await ArchivePages.RenderMonthAsync(renderer, archive)) with { CacheControl = lifetime }, ListFiles.MonthSitemap(renderer, archive) with { CacheControl = lifetime });
        if (written.Count > 0 && (await index.ListAsync(list, 0, cancellationToken)) is { Count: 0 } now)
        {
            written.AddRange(await writer.DeleteAsync(now.Seq, cancellationToken, paths));
        }

        return written;
    }

    public async Task<List<string>> ArchivesAsync(UpdateReads reads, IReadOnlySet<int> years, CancellationToken cancellationToken)
    {
        var months = await reads.MonthsAsync();
        var tags = await reads.TagsAsync();
        var written = await writer.WriteAsync(months.Seq, cancellationToken,
            await ArchivePages.RenderIndexAsync(renderer, months.Items.Select(m => (m.Year, m.Month, m.Count)).ToList()),
            ListFiles.SitemapIndex(renderer, months.Items));
        foreach (var year in years)
        {
            var ofYear = months.Items.Where(m => m.Year == year).Select(m => (m.Year, m.Month, m.Count)).ToList();
            written.AddRange(ofYear.Count == 0
                ? await writer.DeleteAsync(months.Seq, cancellationToken, SitePaths.ArchiveYear(year))
                : await writer.WriteAsync(months.Seq, cancellationToken,
                    (await ArchivePages.RenderYearAsync(renderer, year, ofYear)) with { CacheControl = CacheLifetimes.Year(year, renderer.Site, clock.GetUtcNow()) }));
        }

        written.AddRange(await writer.WriteAsync(tags.Seq + months.Seq, cancellationToken, ListFiles.ListPagesSitemap(renderer, tags.Items, months.Items)));
        return written;
    }
}
