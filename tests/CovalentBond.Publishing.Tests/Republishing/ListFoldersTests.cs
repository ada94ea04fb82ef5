using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;

namespace CovalentBond.Publishing.Tests.Republishing;

public sealed class ListFoldersTests
{
    // Every file the list pages of a site with two tags and two months leave in their folders.
    private static readonly string[] Folders =
    [
        "tags/index.html", "tags/economy/index.html", "tags/economy/feed.xml", "tags/economy/atom.xml", "tags/eu/index.html", "tags/eu/feed.xml",
        "archives/index.html", "archives/2024/index.html", "archives/2024/01/index.html", "archives/2024/02/index.html",
        "sitemaps/pages.xml", "sitemaps/posts-2024-01.xml", "sitemaps/posts-2024-02.xml",
    ];

    [Fact]
    public void A_batch_is_handed_the_files_its_own_keys_write_and_no_others()
    {
        var ofTag = ListFolders.FilesOf([new PageKey.Tag("economy")]);
        Assert.Equal(["tags/economy/index.html", "tags/economy/feed.xml", "tags/economy/atom.xml"], Folders.Where(ofTag));

        var ofMonth = ListFolders.FilesOf([new PageKey.Month(2024, 2)]);
        Assert.Equal(["archives/2024/02/index.html", "sitemaps/posts-2024-02.xml"], Folders.Where(ofMonth));

        // The archives' batch writes its index, the years' pages and the list pages' sitemap (with the tags' index too).
        var ofLists = ListFolders.FilesOf([new PageKey.Latest(), new PageKey.TagsIndex(), new PageKey.Archives()]);
        Assert.Equal(["tags/index.html", "archives/index.html", "archives/2024/index.html", "sitemaps/pages.xml"], Folders.Where(ofLists));

        // An author's folder is theirs whole, however many pages their posts fill; another author's is not.
        string[] ofAna = ["authors/ana/index.html", "authors/ana/page/2/index.html", "authors/ana/page/17/index.html", "authors/ana/feed.xml"];
        var ofAuthor = ListFolders.FilesOf([new PageKey.Author("ana")]);
        Assert.Equal(ofAna, ofAna.Concat(["authors/anabel/index.html", "authors/index.html"]).Where(ofAuthor));
        Assert.All(ofAna, p => Assert.True(ListFolders.Holds(p)));
        Assert.Contains(ListFolders.Of([new PageKey.Author("ana")]), f => f.Prefix == "authors/" && !f.TopLevelOnly);

        var ofArticle = ListFolders.FilesOf([new PageKey.Article("economy")]);
        Assert.DoesNotContain(Folders, p => ofArticle(p));
    }

    [Fact]
    public void Every_file_a_batch_writes_in_the_folders_is_one_it_is_handed()
    {
        // What each key writes, as the updater names it: a file missing here would be read on its own, page by page.
        (PageKey Key, string[] Paths)[] written =
        [
            (new PageKey.Tag("eu"), [SitePaths.Tag("eu"), SitePaths.TagRss("eu"), SitePaths.TagAtom("eu")]),
            (new PageKey.TagsIndex(), [SitePaths.TagsIndex, SitePaths.PagesSitemap]),
            (new PageKey.Month(1999, 12), [SitePaths.ArchiveMonth(1999, 12), SitePaths.MonthSitemap(1999, 12)]),
            (new PageKey.Archives(), [SitePaths.Archives, SitePaths.ArchiveYear(1999), SitePaths.ArchiveYear(2031), SitePaths.PagesSitemap]),
            (new PageKey.Author("boris-brown"), [SitePaths.Author("boris-brown"), SitePaths.Author("boris-brown", 3), SitePaths.AuthorRss("boris-brown")]),
        ];
        foreach (var (key, paths) in written)
        {
            var of = ListFolders.FilesOf([key]);
            Assert.All(paths, p => Assert.True(of(p) && ListFolders.Holds(p), $"{key}: {p}"));
            Assert.All(paths, p => Assert.Contains(ListFolders.Of([key]), f => !f.TopLevelOnly && p.StartsWith(f.Prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void An_author_key_goes_through_a_queue_message_and_back()
    {
        var key = new PageKey.Author("zoe-orsted");
        Assert.Equal("author|zoe-orsted", key.ToToken());
        Assert.Equal(key, PageKey.Parse(key.ToToken()));
    }
}
