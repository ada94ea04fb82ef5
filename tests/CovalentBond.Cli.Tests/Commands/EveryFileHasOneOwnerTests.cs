using System.Text;
using Azure.Data.Tables;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// Every address has one owner (issue 26): for every file the sample site writes, a post that claims it through an alias,
/// written every way an address can be written, is refused and writes nothing; after a full republish and
/// <c>verify --repair</c> every page is its owner's.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class EveryFileHasOneOwnerTests(AzuriteFixture azurite)
{
    /// <summary>The ways one file can be named by an alias: its folder, its file, percent-encoded, in capitals.</summary>
    private static IEnumerable<string> AddressesOf(string file)
    {
        var folder = file.EndsWith("index.html", StringComparison.Ordinal) ? "/" + file[..^"index.html".Length] : "/" + file + "/";
        var asFile = "/" + file;
        string Encoded(string path) => string.Join('/', path.Split('/').Select(s => s.Length > 0 && char.IsAsciiLetterOrDigit(s[0]) ? $"%{(int)s[0]:X2}{s[1..]}" : s));
        return new[] { folder, asFile, Encoded(folder), Encoded(asFile), folder.ToUpperInvariant(), asFile.ToUpperInvariant(), folder.TrimEnd('/') }
            .Where(a => a.Length > 0)
            .Distinct(StringComparer.Ordinal);
    }

    private static async Task<SortedDictionary<string, string>> SnapshotAsync(TestSite site)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in site.Site.GetBlobsAsync())
        {
            snapshot["web/" + blob.Name] = blob.Properties.ETag.ToString()!;
        }

        await foreach (var blob in site.Sources.GetBlobsAsync())
        {
            snapshot["posts/" + blob.Name] = blob.Properties.ETag.ToString()!;
        }

        await foreach (var row in site.Index.QueryAsync<TableEntity>())
        {
            snapshot[$"index/{row.PartitionKey}/{row.RowKey}"] = row.ETag.ToString();
        }

        return snapshot;
    }

    [Fact]
    public async Task No_post_can_claim_a_file_of_the_sample_site_through_an_alias_and_every_page_stays_its_owners()
    {
        var settings = TestSite.Settings(azurite.ConnectionString);
        var siteFile = CliRun.SiteFile(settings);
        var run = new CliRun();
        Assert.Equal(0, await run.RunAsync(["publish", RepositoryPaths.Combine("samples", "posts"), "--site", siteFile]));
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        var files = (await SnapshotAsync(site)).Keys.Where(k => k.StartsWith("web/", StringComparison.Ordinal)).Select(k => k["web/".Length..]).ToList();
        Assert.Contains("index.html", files);
        Assert.Contains(files, f => f.StartsWith("media/", StringComparison.Ordinal));
        var before = await SnapshotAsync(site);

        var accepted = new List<string>();
        var tried = 0;
        foreach (var file in files)
        {
            foreach (var alias in AddressesOf(file))
            {
                tried++;
                var probe = $"---\ntitle: Probe\ndate: 2025-05-21\naliases: ['{alias}']\n---\nA probe.\n";
                var result = await site.Publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(probe), "probe", TestCallers.Editor));
                if (result.Status is not (PublishStatus.Invalid or PublishStatus.Conflict) || result.Problems.All(p => p.Field != "aliases"))
                {
                    accepted.Add($"{alias} ({file}): {result.Status}");
                }
            }
        }

        Assert.True(accepted.Count == 0, $"{accepted.Count} of {tried} aliases were not refused:\n" + string.Join("\n", accepted));
        Assert.True(tried > 5 * files.Count, $"{tried} aliases for {files.Count} files");
        Assert.Equal(before, await SnapshotAsync(site));

        // A full republish, then verify with repair: every page is its owner's, and nothing is left to repair.
        Assert.Equal("finished", (await site.RepublishAsync("ownership test")).State);
        var verifier = site.Services.GetRequiredService<SiteVerifier>();
        await verifier.VerifyAsync(repair: true, CancellationToken.None);
        var report = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        Assert.True(report.IsClean, string.Join("\n", report.Drifts));
        var home = Encoding.UTF8.GetString((await site.Site.GetBlobClient("index.html").DownloadContentAsync()).Value.Content.ToArray());
        Assert.DoesNotContain("http-equiv=\"refresh\"", home, StringComparison.Ordinal);
    }
}
