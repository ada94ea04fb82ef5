using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues.Models;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Storage.Blobs;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Queues;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Republishing;

/// <summary>
/// The full republish driven through the real queue and job table in Azurite, with the queue handler
/// invoked in-process as the Functions host would: batches, progress, stop and resume, poison.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class RepublishTests(AzuriteFixture azurite)
{
    private static readonly string[] Tags = ["Serbia", "Türkiye", "Ukraine", "Russia", "EU", "NATO", "Economy", "Energy", "Elections", "Media"];

    private static string Post(int i) =>
        $"---\ntitle: Report {i}\ndate: {new DateTime(2024, 1, 1).AddDays(i * 1.4):yyyy-MM-dd}\nauthor: Michael K.\n" +
        $"subtitle: Report number {i}\ntags: [{Tags[i % 10]}, {Tags[(i * 7 + 3) % 10]}]\n---\nBody of report {i}.\n";

    private static async Task PublishAsync(TestSite site, int count)
    {
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Post(i)), $"report-{i}", TestCallers.Editor));
                Assert.Equal(PublishStatus.Created, result.Status);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Takes messages off the queue and hands them to the worker until <paramref name="stop"/> says so or the queue is empty.</summary>
    private static async Task<int> WorkAsync(TestSite site, Func<bool> stop)
    {
        var republisher = site.Services.GetRequiredService<SiteRepublisher>();
        var handled = 0;
        while (!stop())
        {
            QueueMessage[] messages = (await site.RepublishQueue.ReceiveMessagesAsync(8, TimeSpan.FromSeconds(1))).Value;
            if (messages.Length == 0)
            {
                if ((await site.RepublishQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
                {
                    return handled;
                }

                await Task.Delay(200);
                continue;
            }

            foreach (var message in messages)
            {
                if (stop())
                {
                    return handled;
                }

                try
                {
                    await republisher.ProcessAsync(QueueRepublishDispatcher.Deserialize(message.Body.ToString()), message.DequeueCount, CancellationToken.None);
                    await site.RepublishQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    handled++;
                }
                catch (InstanceStoppedException)
                {
                    // The instance died: the message stays on the queue and comes back after its visibility timeout.
                    return handled;
                }
            }
        }

        return handled;
    }

    /// <summary>The site owner uploads a stylesheet to the theme container: every page must link the new one.</summary>
    private static async Task UploadStylesheetAsync(TestSite site, Dictionary<string, string?> settings, string css)
    {
        var themes = site.Services.GetRequiredService<ContentStorageClients>().Blobs.GetBlobContainerClient(settings["Storage:ThemeContainer"]);
        await themes.CreateIfNotExistsAsync();
        await themes.UploadBlobAsync("site.css", BinaryData.FromString(css));
    }

    [Fact]
    public async Task A_republish_of_500_posts_finishes_through_the_queue_and_resumes_after_a_stop_without_writing_a_page_twice()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings["Republish:BatchSize"] = "25";
        // One site's storage seen by three instances: the one that published, and two that republish.
        // Only the first owns (and finally deletes) the storage.
        await using var before = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(before, 500);

        // The site's tagline changes: every page shows it, so every page must be written once.
        settings["Site:Tagline"] = "Independent analysis, republished.";
        var writes = new CountingSiteStore.Counter();
        var first = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.Decorate(writes));
        await using var firstServices = first.Services;
        var job = await first.Services.GetRequiredService<SiteRepublisher>().StartAsync("tagline changed", CancellationToken.None);

        var months = (await first.Services.GetRequiredService<CovalentBond.Publishing.Ports.IPostIndex>().MonthsAsync(CancellationToken.None)).Items.Count;
        Assert.Equal(500 + Tags.Length + 1 + 4 + months, job.Total); // articles, tags, the one author, home/tags/corrections/archives, months
        Assert.Equal(job.Batches, (await first.RepublishQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // The batches of the tags and the lists (more index reads each) are queued ahead of the articles' 20.
        var listBatches = job.Batches - (500 / 25);
        var queued = (await first.RepublishQueue.PeekMessagesAsync(32)).Value.Select(m => QueueRepublishDispatcher.Deserialize(m.Body.ToString()).Batch).ToList();
        Assert.Equal(Enumerable.Range(500 / 25 + 1, listBatches), queued.Take(listBatches));

        // Half-way through, the instance stops in the middle of a batch: some of its pages are written.
        var handledBeforeStop = await WorkAsync(first, () =>
        {
            if (writes.Total >= 260 && !writes.Stopping)
            {
                writes.StopAfter(7);
            }

            return false;
        });
        Assert.True(writes.Stopping);
        var halfway = (await first.Services.GetRequiredService<SiteRepublisher>().StatusAsync(job.JobId, CancellationToken.None))!;
        Assert.Equal("running", halfway.State);
        Assert.InRange(halfway.Done, 1, job.Total - 1);

        // A new instance resumes the job: finished batches are not redone, and nothing is written twice.
        writes.Resume();
        var second = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.Decorate(writes));
        await using var secondServices = second.Services;
        var republisher = second.Services.GetRequiredService<SiteRepublisher>();
        var requeued = await republisher.ResumeAsync(job.JobId, CancellationToken.None);
        Assert.Equal(job.Batches - handledBeforeStop, requeued);
        await WorkAsync(second, () => false);

        var done = (await republisher.StatusAsync(null, CancellationToken.None))!;
        Assert.Equal(job.JobId, done.JobId);
        Assert.Equal("finished", done.State);
        Assert.Equal(job.Total, done.Done);
        Assert.Equal(0, done.Failed);
        Assert.NotNull(done.FinishedAt);

        var twice = writes.Paths.Where(p => p.Value > 1).Select(p => $"{p.Key} ×{p.Value}").ToList();
        Assert.True(twice.Count == 0, "Written more than once: " + string.Join(", ", twice));

        // Every page carries the new tagline: the articles (with their latest-news lists), home and the tag pages.
        foreach (var path in new[] { "posts/report-0/index.html", "posts/report-250/index.html", "posts/report-499/index.html", "index.html", "tags/serbia/index.html", "archives/index.html" })
        {
            Assert.Contains("Independent analysis, republished.", await second.ReadSiteTextAsync(path), StringComparison.Ordinal);
        }

        // A late duplicate of a finished batch changes nothing.
        var snapshot = await second.SnapshotAsync();
        await republisher.ProcessAsync(new BatchMessage(job.JobId, 1), 1, CancellationToken.None);
        Assert.Equal(snapshot, await second.SnapshotAsync());
    }

    [Fact]
    public async Task A_new_theme_or_new_settings_start_a_republish_and_nothing_else_does()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(site, 3);
        var watcher = site.Services.GetRequiredService<SiteChangeWatcher>();
        Assert.NotNull(await watcher.CheckAsync(CancellationToken.None));
        await WorkAsync(site, () => false);
        Assert.Null(await watcher.CheckAsync(CancellationToken.None));

        // The site owner uploads a stylesheet: every page must link the new one.
        await UploadStylesheetAsync(site, settings, "body { color: #123456; }");
        var themed = await watcher.CheckAsync(CancellationToken.None);
        Assert.Equal("the theme or the site settings changed", themed!.Reason);
        await WorkAsync(site, () => false);
        Assert.Equal("finished", (await site.Services.GetRequiredService<SiteRepublisher>().StatusAsync(null, CancellationToken.None))!.State);

        var home = await site.ReadSiteTextAsync("index.html");
        var article = await site.ReadSiteTextAsync("posts/report-2/index.html");
        var stylesheet = System.Text.RegularExpressions.Regex.Match(home!, "/assets/site\\.[0-9a-f]+\\.css").Value;
        Assert.Contains(stylesheet, article, StringComparison.Ordinal);
        Assert.Equal("body { color: #123456; }", await site.ReadSiteTextAsync(stylesheet.TrimStart('/')));
        Assert.Null(await watcher.CheckAsync(CancellationToken.None));

        // Another instance starts with new settings (an app setting changed): a republish again.
        settings["Site:Name"] = "Covalent Bond Weekly";
        var restarted = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await using var restartedServices = restarted.Services;
        Assert.NotNull(await restarted.Services.GetRequiredService<SiteChangeWatcher>().CheckAsync(CancellationToken.None));
        await WorkAsync(restarted, () => false);
        Assert.Contains("Covalent Bond Weekly", await site.ReadSiteTextAsync("posts/report-0/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_permalink_republishes_every_article_at_its_new_address_and_leaves_a_redirect_at_the_old_one()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(site, 3);
        Assert.NotNull(await site.Services.GetRequiredService<SiteChangeWatcher>().CheckAsync(CancellationToken.None));
        await WorkAsync(site, () => false);

        // The site owner moves articles to dated addresses (an app setting): the next check republishes.
        settings["Site:Permalink"] = "/:year/:month/:slug/";
        var moved = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await using var movedServices = moved.Services;
        Assert.NotNull(await moved.Services.GetRequiredService<SiteChangeWatcher>().CheckAsync(CancellationToken.None));
        await WorkAsync(moved, () => false);

        // Report 2 is dated 2024-01-03; its key stays what it was, its address is the new pattern's.
        var article = await site.ReadSiteTextAsync("2024/01/report-2/index.html");
        Assert.Contains("Body of report 2.", article, StringComparison.Ordinal);
        Assert.Contains("url=https://covalentbond.example/2024/01/report-2/", await site.ReadSiteTextAsync("posts/report-2/index.html"), StringComparison.Ordinal);
        Assert.Contains("href=\"/2024/01/report-2/\"", await site.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_theme_change_each_article_costs_one_request_and_with_nothing_changed_no_page_is_read_or_written()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(site, 120);

        // A busy month: more posts than a list's head holds, so its page is drawn from a query of the month's rows.
        await Parallel.ForEachAsync(Enumerable.Range(0, 105), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var post = $"---\ntitle: March note {i}\ndate: 2023-03-{(i % 28) + 1:D2}T{i % 24:D2}:00:00Z\ntags: [Economy]\n---\nNote {i}.\n";
            Assert.Equal(PublishStatus.Created, (await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(post), $"march-{i}", TestCallers.Editor), token)).Status);
        });
        Assert.NotNull(await site.Services.GetRequiredService<SiteChangeWatcher>().CheckAsync(CancellationToken.None));
        await WorkAsync(site, () => false);

        var requests = new StorageRequests();
        var counted = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.AddSingleton(requests.Clients(azurite.ConnectionString)));
        await using var countedServices = counted.Services;
        await UploadStylesheetAsync(counted, settings, "body { color: #654321; }");
        requests.Take();

        Assert.NotNull(await counted.Services.GetRequiredService<SiteChangeWatcher>().CheckAsync(CancellationToken.None));
        await WorkAsync(counted, () => false);

        // Each article page: one upload, conditional on what the job listed; no page read before it.
        var site1 = settings["Storage:SiteContainer"]!;
        var taken = requests.Take();
        var articles = taken.Where(r => StorageRequests.IsBlobOf(r, site1) && r.Uri.AbsolutePath.Contains("/posts/report-", StringComparison.Ordinal)).ToList();
        Assert.Equal(120, articles.Count);
        Assert.All(articles, r => Assert.Equal("PUT", r.Method));

        // The batches render from the records the job read when it planned: no batch reads them again.
        var index = settings["Storage:IndexTable"]!;
        var recordRanges = taken.Where(r => r.Uri.AbsolutePath.Contains("/" + index + "()", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.Uri.Query) is var query && query.Contains("PartitionKey eq 'post'", StringComparison.Ordinal) && query.Contains("RowKey ge", StringComparison.Ordinal)).ToList();
        Assert.Empty(recordRanges);
        var stylesheet = System.Text.RegularExpressions.Regex.Match((await counted.ReadSiteTextAsync("posts/report-7/index.html"))!, "/assets/site\\.[0-9a-f]+\\.css").Value;
        Assert.Equal("body { color: #654321; }", await counted.ReadSiteTextAsync(stylesheet.TrimStart('/')));

        // Asked again with nothing changed: the pages are compared with listings, none is read or written.
        requests.Take();
        var republisher = counted.Services.GetRequiredService<SiteRepublisher>();
        var again = await republisher.StartAsync("on demand", CancellationToken.None);
        await WorkAsync(counted, () => false);
        Assert.Equal(0, (await republisher.StatusAsync(again.JobId, CancellationToken.None))!.Written);
        var unchanged = requests.Take();
        var pageRequests = unchanged.Where(r => StorageRequests.IsBlobOf(r, site1)).Select(r => $"{r.Method} {r.Uri.AbsolutePath}").ToList();
        Assert.True(pageRequests.Count == 0, "Page requests: " + string.Join(", ", pageRequests.Take(10)));

        // The busy month's pages were rendered from its list's state now: its counter says so, its rows are not read.
        var monthRows = unchanged.Where(r => Uri.UnescapeDataString(r.Uri.Query).Contains("PartitionKey eq 'month-2023-03'", StringComparison.Ordinal)).ToList();
        Assert.Empty(monthRows);

        // One listing, the job's: the list pages' batches compare their files (top level, tags, archives, sitemaps) with it.
        var listings = unchanged.Where(r => r.Uri.AbsolutePath.EndsWith("/" + site1, StringComparison.Ordinal) && r.Uri.Query.Contains("comp=list", StringComparison.Ordinal)).ToList();
        Assert.All(listings, r => Assert.True(string.IsNullOrEmpty(System.Web.HttpUtility.ParseQueryString(r.Uri.Query)["prefix"]), r.Uri.Query));
        Assert.True(listings.Count is 1 or 2, $"{listings.Count} listings"); // the whole site, 5,000 files a request
    }

    [Fact]
    public async Task After_a_theme_change_the_job_compares_with_what_the_last_republish_left_and_still_writes_pages_changed_or_removed_since()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(site, 60);
        var republisher = site.Services.GetRequiredService<SiteRepublisher>();
        await republisher.StartAsync("first", CancellationToken.None);
        await WorkAsync(site, () => false);

        // Since that republish: a post edited (its page has a new ETag), one published (no republish has seen its
        // page), and an article page deleted by hand.
        Assert.Equal(PublishStatus.Updated, (await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Post(7).Replace("Body of report 7.", "A corrected body.", StringComparison.Ordinal)), "report-7", TestCallers.Editor))).Status);
        Assert.Equal(PublishStatus.Created, (await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Post(60)), "report-60", TestCallers.Editor))).Status);
        await site.Site.DeleteBlobAsync("posts/report-11/index.html");
        await site.Site.DeleteBlobAsync("tags/economy/index.html");

        var requests = new StorageRequests();
        var counted = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.AddSingleton(requests.Clients(azurite.ConnectionString)));
        await using var countedServices = counted.Services;
        await UploadStylesheetAsync(counted, settings, "body { color: #0a0b0c; }");
        requests.Take();
        var job = await counted.Services.GetRequiredService<SiteRepublisher>().StartAsync("theme", CancellationToken.None);
        await WorkAsync(counted, () => false);

        // No listing at all: the job took the pages' ETags, articles and list pages, from what the first republish's batches left.
        var site1 = settings["Storage:SiteContainer"]!;
        var listings = requests.Take().Where(r => r.Uri.AbsolutePath.EndsWith("/" + site1, StringComparison.Ordinal) && r.Uri.Query.Contains("comp=list", StringComparison.Ordinal)).ToList();
        Assert.True(listings.Count == 0, "Listed: " + string.Join(", ", listings.Select(r => r.Uri.Query)));
        Assert.Equal(0, (await counted.Services.GetRequiredService<SiteRepublisher>().StatusAsync(job.JobId, CancellationToken.None))!.Failed);

        // And every article carries the new stylesheet, the edited one its new body, the deleted one is back.
        var stylesheet = System.Text.RegularExpressions.Regex.Match((await counted.ReadSiteTextAsync("posts/report-1/index.html"))!, "/assets/site\\.[0-9a-f]+\\.css").Value;
        Assert.Equal("body { color: #0a0b0c; }", await counted.ReadSiteTextAsync(stylesheet.TrimStart('/')));
        for (var i = 0; i <= 60; i++)
        {
            var page = await counted.ReadSiteTextAsync($"posts/report-{i}/index.html");
            Assert.True(page is not null, $"report-{i} has no page");
            Assert.Contains(stylesheet, page, StringComparison.Ordinal);
        }

        Assert.Contains("A corrected body.", (await counted.ReadSiteTextAsync("posts/report-7/index.html"))!, StringComparison.Ordinal);
        foreach (var list in new[] { "index.html", "tags/index.html", "tags/economy/index.html", "archives/index.html", "archives/2024/01/index.html" })
        {
            var page = await counted.ReadSiteTextAsync(list);
            Assert.True(page is not null, $"{list} is missing");
            Assert.Contains(stylesheet, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_batch_row_keeps_more_pages_than_one_table_property_holds_and_a_batch_with_too_many_keeps_none()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        var jobs = site.Services.GetRequiredService<IRepublishJobStore>();
        static List<DeployedPage> Pages(int count) => Enumerable.Range(0, count)
            .Select(i => new DeployedPage($"tags/tag-{i}/feed.xml", $"\"0x8DD{i:X12}\"", 1_000_000 + i, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), "application/rss+xml", "public, max-age=300"))
            .ToList();

        // 400 files (a batch of 100 tags with an RSS and an Atom feed each, and more) take about 90,000 characters of JSON.
        var many = Pages(400);
        var lots = Pages(2_000); // about 450,000: more than a row should carry
        var job = new RepublishStatus { JobId = "20261126-000000-pagecols", Reason = "test", StartedAt = DateTimeOffset.UtcNow, Total = 2, Batches = 2 };
        RepublishBatch Batch(int number, List<DeployedPage> deployed) => new()
        {
            JobId = job.JobId,
            Number = number,
            Items = ["tags"],
            Deployed = deployed,
            ArticlesListed = true,
            TopLevelKept = true,
            FoldersKept = true,
        };
        await jobs.CreateAsync(job, [Batch(1, many), Batch(2, lots)], CancellationToken.None);

        var first = (await jobs.GetBatchAsync(job.JobId, 1, CancellationToken.None))!;
        Assert.Equal(many, first.Deployed);
        Assert.True(first.ArticlesListed && first.TopLevelKept && first.FoldersKept);
        var second = (await jobs.GetBatchAsync(job.JobId, 2, CancellationToken.None))!;
        Assert.Empty(second.Deployed);
        Assert.False(second.ArticlesListed || second.TopLevelKept || second.FoldersKept, "a batch without its pages must not trust their absence");

        // Done, each leaves what it wrote: the job's ledgers are whole only when every batch's fit its row.
        Assert.True(await jobs.UpdateBatchAsync(first with { State = BatchState.Done, Left = many }, CancellationToken.None));
        Assert.True(await jobs.UpdateBatchAsync(second with { State = BatchState.Done, Left = lots }, CancellationToken.None));
        Assert.Null(await jobs.LeftAsync(job.JobId, CancellationToken.None));

        var next = job with { JobId = "20261126-000001-pagecols", Total = 1, Batches = 1 };
        await jobs.CreateAsync(next, [Batch(1, many) with { JobId = next.JobId }], CancellationToken.None);
        var only = (await jobs.GetBatchAsync(next.JobId, 1, CancellationToken.None))!;
        Assert.True(await jobs.UpdateBatchAsync(only with { State = BatchState.Done, Left = many }, CancellationToken.None));
        Assert.Equal(many, await jobs.LeftAsync(next.JobId, CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_renders_from_the_records_its_job_kept_and_a_post_changed_since_keeps_its_newer_page()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings["Republish:BatchSize"] = "2";
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(site, 3);
        Assert.NotNull(await site.Services.GetRequiredService<SiteChangeWatcher>().CheckAsync(CancellationToken.None));
        await WorkAsync(site, () => false);

        await UploadStylesheetAsync(site, settings, "body { color: #abcdef; }");
        var republisher = site.Services.GetRequiredService<SiteRepublisher>();
        var job = await republisher.StartAsync("on demand", CancellationToken.None);

        // Each batch row holds its articles' records as the index has them (report-0 and report-1, then report-2).
        var jobs = site.Services.GetRequiredService<IRepublishJobStore>();
        var index = site.Services.GetRequiredService<CovalentBond.Publishing.Ports.IPostIndex>();
        var first = (await jobs.GetBatchAsync(job.JobId, 1, CancellationToken.None))!;
        var second = (await jobs.GetBatchAsync(job.JobId, 2, CancellationToken.None))!;
        Assert.Equal(["report-0", "report-1"], first.Records.Select(r => r.Slug));
        Assert.Equal(["report-2"], second.Records.Select(r => r.Slug));
        foreach (var kept in first.Records.Concat(second.Records))
        {
            var indexed = (await index.GetAsync(kept.Slug, CancellationToken.None))!;
            Assert.True(kept.SameAs(indexed), $"{kept.Slug} reads differently from the batch");
            Assert.Equal(indexed.Version, kept.Version);
        }

        // A row without them (records too large to keep) reads them from the index.
        var row = (await site.Jobs.GetEntityAsync<Azure.Data.Tables.TableEntity>(job.JobId, "b000002")).Value;
        Assert.True(row.Remove("Records"));
        await site.Jobs.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        // Report 1 changes after the job planned: the batch holds its older record, and must not write over the newer page.
        var changed = Post(1).Replace("Body of report 1.", "Report 1, corrected.", StringComparison.Ordinal);
        Assert.Equal(PublishStatus.Updated, (await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(changed), "report-1", TestCallers.Editor))).Status);
        await WorkAsync(site, () => false);

        Assert.Equal("finished", (await republisher.StatusAsync(job.JobId, CancellationToken.None))!.State);
        var stylesheet = System.Text.RegularExpressions.Regex.Match((await site.ReadSiteTextAsync("index.html"))!, "/assets/site\\.[0-9a-f]+\\.css").Value;
        Assert.Equal("body { color: #abcdef; }", await site.ReadSiteTextAsync(stylesheet.TrimStart('/')));
        foreach (var slug in new[] { "report-0", "report-1", "report-2" })
        {
            Assert.Contains(stylesheet, await site.ReadSiteTextAsync($"posts/{slug}/index.html"), StringComparison.Ordinal);
        }

        var corrected = await site.ReadSiteTextAsync("posts/report-1/index.html");
        Assert.Contains("Report 1, corrected.", corrected, StringComparison.Ordinal);
        Assert.DoesNotContain("Body of report 1.", corrected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_retried_then_parked_on_the_poison_queue_with_its_reason()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings["Republish:BatchSize"] = "1";
        var writes = new CountingSiteStore.Counter();
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings, configure: s => s.Decorate(writes));
        await PublishAsync(site, 3);

        // The storage refuses one page every time (a fault that outlasts the retries).
        writes.FailPath = "posts/report-1/index.html";

        var republisher = site.Services.GetRequiredService<SiteRepublisher>();
        var job = await republisher.StartAsync("on demand", CancellationToken.None);
        var broken = (await site.Services.GetRequiredService<IRepublishJobStore>().BatchesAsync(job.JobId, CancellationToken.None))
            .Single(b => b.Items.Contains("article|report-1"));

        for (var attempt = 1; attempt < 5; attempt++)
        {
            await Assert.ThrowsAsync<Azure.RequestFailedException>(() => republisher.ProcessAsync(new BatchMessage(job.JobId, broken.Number), attempt, CancellationToken.None));
        }

        await republisher.ProcessAsync(new BatchMessage(job.JobId, broken.Number), 5, CancellationToken.None);
        await WorkAsync(site, () => false);

        var status = (await republisher.StatusAsync(job.JobId, CancellationToken.None))!;
        Assert.Equal("finished with failures", status.State);
        Assert.Equal(1, status.Failed);
        Assert.Equal(job.Total - 1, status.Done);
        var failure = Assert.Single(status.Failures);
        Assert.Equal(5, failure.Attempts);
        Assert.Contains("posts/report-1/index.html", failure.LastError, StringComparison.Ordinal);

        var parked = Assert.Single((await site.RepublishPoisonQueue.ReceiveMessagesAsync(10)).Value);
        var body = QueueRepublishDispatcher.DeserializeParked(parked.Body.ToString())!;
        Assert.Equal(job.JobId, body.JobId);
        Assert.Equal(broken.Number, body.Batch);
        Assert.Contains("posts/report-1/index.html", body.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_lost_behind_the_index_s_back_does_not_fail_the_republish_of_the_others()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings["Republish:BatchSize"] = "1";
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        await PublishAsync(site, 3);
        var kept = await site.ReadSiteTextAsync("posts/report-1/index.html");
        await site.Sources.DeleteBlobAsync("report-1.md");

        var republisher = site.Services.GetRequiredService<SiteRepublisher>();
        var job = await republisher.StartAsync("on demand", CancellationToken.None);
        await WorkAsync(site, () => false);

        var status = (await republisher.StatusAsync(job.JobId, CancellationToken.None))!;
        Assert.Equal(0, status.Failed);
        Assert.Equal(job.Total, status.Done);
        Assert.Equal(kept, await site.ReadSiteTextAsync("posts/report-1/index.html"));
        var report = await site.Services.GetRequiredService<CovalentBond.Publishing.Verifying.SiteVerifier>().VerifyAsync(repair: false, CancellationToken.None);
        Assert.Contains(report.Drifts, d => d.Subject == "report-1");
    }
}

/// <summary>Thrown by <see cref="CountingSiteStore"/> to stand for an instance that stopped mid-batch.</summary>
public sealed class InstanceStoppedException() : Exception("The instance stopped.");

/// <summary>The real blob site store, counting what it writes per path, and able to stop like a dying instance.</summary>
public sealed class CountingSiteStore(ISiteStore inner, CountingSiteStore.Counter counter) : ISiteStore
{
    public sealed class Counter
    {
        private int remaining;
        private volatile bool stopping;

        public ConcurrentDictionary<string, int> Paths { get; } = new(StringComparer.Ordinal);

        public int Total => Paths.Values.Sum();

        public bool Stopping => stopping;

        /// <summary>From now on, the instance dies at its <paramref name="writes"/>+1-th write.</summary>
        public void StopAfter(int writes)
        {
            Volatile.Write(ref remaining, writes);
            stopping = true;
        }

        public void Resume() => stopping = false;

        /// <summary>A path every write to fails, as a storage fault that outlasts the retries; null for none.</summary>
        public string? FailPath { get; set; }

        public async Task<bool> CountAsync(string path, Func<Task<bool>> write)
        {
            if (path == FailPath)
            {
                throw new Azure.RequestFailedException(503, $"The server is busy: {path}");
            }

            if (stopping && Interlocked.Decrement(ref remaining) < 0)
            {
                throw new InstanceStoppedException();
            }

            var written = await write();
            if (written)
            {
                Paths.AddOrUpdate(path, 1, (_, n) => n + 1);
            }

            return written;
        }
    }

    public Task<bool> WriteAsync(SitePage page, CancellationToken cancellationToken) =>
        counter.CountAsync(page.Path, () => inner.WriteAsync(page, cancellationToken));

    public IAsyncEnumerable<DeployedPage> DeployedAsync(string prefix, CancellationToken cancellationToken, bool topLevelOnly = false) =>
        inner.DeployedAsync(prefix, cancellationToken, topLevelOnly);

    public async Task<bool?> RefreshListedAsync(SitePage page, long version, DeployedPage listed, CancellationToken cancellationToken)
    {
        bool? result = null;
        await counter.CountAsync(page.Path, async () => (result = await inner.RefreshListedAsync(page, version, listed, cancellationToken)) == true);
        return result;
    }

    public Task<bool> WriteVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        counter.CountAsync(page.Path, () => inner.WriteVersionedAsync(page, version, cancellationToken));

    public Task<bool> RefreshVersionedAsync(SitePage page, long version, CancellationToken cancellationToken) =>
        counter.CountAsync(page.Path, () => inner.RefreshVersionedAsync(page, version, cancellationToken));

    public Task<bool> DeleteVersionedAsync(string path, long version, CancellationToken cancellationToken) =>
        counter.CountAsync(path, () => inner.DeleteVersionedAsync(path, version, cancellationToken));

    public Task<SiteFile?> ReadAsync(string path, CancellationToken cancellationToken) => inner.ReadAsync(path, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
}

internal static class CountingRegistration
{
    public static void Decorate(this IServiceCollection services, CountingSiteStore.Counter counter) =>
        services.AddSingleton<ISiteStore>(sp => new CountingSiteStore(new BlobSiteStore(sp.GetRequiredService<StorageProvisioner>()), counter));
}
