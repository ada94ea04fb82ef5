using System.Text;
using Azure.Core;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Storage.Hosting;
using CovalentBond.Testing;
using CovalentBond.Testing.Faults;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CovalentBond.Storage.Tests.Reliability;

/// <summary>
/// A burst of publishes, edits, refused edits and withdrawals while 10% of storage requests fail (503s,
/// connections dropped before sending, answers lost after the storage ran the request). Afterwards:
/// every call either succeeded or reported an error, no post's source is lost or holds a refused
/// version, and <c>verify --repair</c> leaves no drift. <c>FAULT_RUNS</c> sets how many seeded runs
/// (default 1, seeds from <c>FAULT_FIRST_SEED</c>, default 1001); <c>FAULT_REPORT</c> names a file the figures of each run are appended to.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class FaultInjectionTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Operations = 200;
    private const int Posts = 20;
    private const double FaultRate = 0.10;

    [Fact]
    public async Task After_a_burst_under_ten_percent_storage_faults_every_source_is_kept_and_repair_leaves_no_drift()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("FAULT_RUNS"), out var n) ? n : 1;
        var first = int.TryParse(Environment.GetEnvironmentVariable("FAULT_FIRST_SEED"), out var f) ? f : 1001;
        for (var seed = first; seed < first + runs; seed++)
        {
            await RunAsync(seed);
        }
    }

    private static string Post(int post, int version, DateTimeOffset date) =>
        $"---\ntitle: Post {post} version {version}\ndate: {date:yyyy-MM-ddTHH:mm:ssZ}\nauthor: Michael K.\n" +
        $"subtitle: Version {version} of post {post}.\ntags: [Tag{post % 4}, Shared]\n---\nThe body of post {post}, version {version}.\n";

    private static string Refused(int post) =>
        $"---\ntitle: Refused edit of {post}\ndate: someday\n---\nThis version must never be stored.\n";

    private async Task RunAsync(int seed)
    {
        var faults = new FaultInjectionPolicy(seed, FaultRate);
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, configure: services =>
            services.AddSingleton(ContentStorageClients.FromConnectionString(azurite.ConnectionString, options =>
            {
                // The SDK's own retries stay on (as in production), shortened so the run is quick.
                options.Retry.MaxRetries = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(5);
                options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
                options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
            })));
        await site.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);

        var random = new Random(seed);
        var publisher = site.Publisher;
        var withdrawal = site.Withdrawal;
        var restorer = site.Restorer;
        var accepted = new Dictionary<int, List<string>>();   // versions a call confirmed, in order
        var uncertain = new Dictionary<int, List<string>>();  // versions whose call reported an error
        var refusedTexts = new HashSet<string>();
        int succeeded = 0, refused = 0, errors = 0;
        var date = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        faults.Enabled = true;
        for (var op = 0; op < Operations; op++)
        {
            var post = random.Next(Posts);
            var slug = $"post-{post}";
            var kind = !accepted.ContainsKey(post) ? 0 : random.Next(10);
            try
            {
                switch (kind)
                {
                    case <= 5:
                        var text = Post(post, op, date.AddHours(op));
                        Remember(uncertain, post, text);
                        var result = await publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(text), slug, TestCallers.Editor));
                        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
                        uncertain[post].Remove(text);
                        Remember(accepted, post, text);
                        succeeded++;
                        break;
                    case 6:
                        var bad = Refused(post);
                        refusedTexts.Add(bad);
                        Assert.True((await publisher.PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(bad), slug, TestCallers.Editor))).IsRefused);
                        refused++;
                        break;
                    case 7:
                        await withdrawal.UnpublishAsync(slug, TestCallers.Editor);
                        succeeded++;
                        break;
                    case 8:
                        await withdrawal.DeleteAsync(slug, TestCallers.Editor);
                        succeeded++;
                        break;
                    default:
                        await restorer.RestoreAsync(slug, TestCallers.Editor);
                        succeeded++;
                        break;
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                // A storage fault that outlasted the retries: reported to the caller, as it must be.
                errors++;
                if (errors <= 8)
                {
                    output.WriteLine($"op {op} ({kind}) {slug}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]} | {ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("CovalentBond", StringComparison.Ordinal))?.Trim()}");
                }
            }
        }

        faults.Enabled = false;

        // No source lost, none replaced by a refused version: each post's source is the last version a call
        // confirmed, or a later one whose call reported an error (it may have landed before the fault).
        foreach (var (post, versions) in accepted)
        {
            var source = await site.Sources.GetBlobClient($"post-{post}.md").DownloadContentAsync();
            var text = source.Value.Content.ToString();
            Assert.DoesNotContain(text, refusedTexts);
            var lastAccepted = versions[^1];
            var later = uncertain.GetValueOrDefault(post) ?? [];
            Assert.True(text == lastAccepted || later.Contains(text), $"post-{post}.md holds neither its last accepted version nor a later attempted one");
        }

        var verifier = site.Services.GetRequiredService<SiteVerifier>();
        var found = await verifier.VerifyAsync(repair: true, CancellationToken.None);
        var after = await verifier.VerifyAsync(repair: false, CancellationToken.None);

        var line = $"| {seed} | {Operations} | {faults.Requests:N0} | {faults.Injected:N0} ({faults.Unavailable} × 503, {faults.DroppedBeforeSending} dropped, {faults.LostAfterRunning} lost after running) | " +
                   $"{succeeded} | {refused} | {errors} | {found.Drifts.Count} | {after.Drifts.Count} |";
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("FAULT_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, line + "\n");
        }

        Assert.True(errors + succeeded + refused == Operations);
        Assert.True(faults.Injected > 0);
        Assert.True(after.IsClean, $"seed {seed}: drift after repair:\n{string.Join("\n", after.Drifts)}");
    }

    private static void Remember(Dictionary<int, List<string>> versions, int post, string text)
    {
        if (!versions.TryGetValue(post, out var list))
        {
            versions[post] = list = [];
        }

        list.Add(text);
    }
}
