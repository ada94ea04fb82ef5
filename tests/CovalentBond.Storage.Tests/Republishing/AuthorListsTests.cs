using System.Text;
using Azure.Data.Tables;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;

namespace CovalentBond.Storage.Tests.Republishing;

/// <summary>
/// A site whose posts were indexed before author pages existed (their authors' lists are missing from the table) gets
/// its author pages from a republish, which completes the lists first.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class AuthorListsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_republish_puts_posts_indexed_before_author_pages_on_their_authors_pages()
    {
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, TestSite.Settings(azurite.ConnectionString));
        for (var i = 1; i <= 3; i++)
        {
            var post = $"---\ntitle: Report {i}\ndate: 2025-03-0{i}\nauthor: Michael K.\n---\nBody {i}.\n";
            Assert.Equal(PublishStatus.Created, (await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(post), $"report-{i}", TestCallers.Editor))).Status);
        }

        // As an index from before: no author list, and no author page.
        await foreach (var row in site.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "author-michael-k"))
        {
            await site.Index.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await site.Site.DeleteBlobAsync("authors/michael-k/index.html");
        await site.Site.DeleteBlobAsync("authors/michael-k/feed.xml");

        Assert.Equal("finished", (await site.RepublishAsync("author pages arrive")).State);

        var page = await site.ReadSiteTextAsync("authors/michael-k/index.html");
        Assert.NotNull(page);
        Assert.Contains("3 posts by Michael K.", page, StringComparison.Ordinal);
        Assert.Contains("Report 1", await site.ReadSiteTextAsync("authors/michael-k/feed.xml"), StringComparison.Ordinal);
    }
}
