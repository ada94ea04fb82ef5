using Azure.Data.Tables;
using CovalentBond.Testing;
using CovalentBond.Testing.Hostile;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CovalentBond.Functions.Tests.Hardening;

/// <summary>
/// The hostile-input corpus (<see cref="HostileInputs"/>) through the worker's two ways in, as the host
/// calls them, one test case per input, each on a site of its own: no 5xx, no exception escaping, nothing
/// written when refused, what is published carries no script, within the CPU budget, and a good post still
/// publishes afterwards and appears on the home page.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class HostileInputsTests(AzuriteFixture azurite, HostileOutcomes report, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<HostileOutcomes>
{
    private const string OverHttp = "HTTP (PUT /api/posts/{slug})";
    private const string DroppedBlob = "Blob trigger (a file dropped into posts)";

    public static TheoryData<string> Inputs => HostileInputs.Names;

    private FunctionsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        await host.Services.GetRequiredService<CovalentBond.Storage.Hosting.StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void The_corpus_holds_every_family_of_hostile_input()
    {
        Assert.True(HostileInputs.All.Count >= 200, $"{HostileInputs.All.Count} inputs");
        Assert.Equal(HostileInputs.All.Count, HostileInputs.All.Select(i => i.ToString()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_hostile_input_over_http_is_refused_cleanly_or_published_safely(string name)
    {
        var input = HostileInputs.Named(name);
        const string slug = "h1";
        var before = await StateAsync();
        var cpu = CpuTime.Measure(() => TryAsync(() => host.PutAsync(slug, input.Content)), out var answer);
        var (result, crash) = answer;
        var outcome = new HostileOutcome(input, "HTTP PUT /api/posts/{slug}")
        {
            Cpu = cpu,
            Crash = crash,
            ServerError = result?.StatusCode >= 500,
            Refused = result?.StatusCode is >= 400 and < 500,
            Published = result?.StatusCode is 200 or 201,
        };
        Expect(OverHttp, await CheckAsync(outcome, before, $"posts/{slug}/index.html"));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_hostile_input_dropped_into_the_posts_container_is_logged_or_published_safely(string name)
    {
        var input = HostileInputs.Named(name);
        var blob = $"d1-{input.FileName}";
        await host.Sources.CreateIfNotExistsAsync();
        await host.Sources.GetBlobClient(blob).UploadAsync(new BinaryData(input.Content), overwrite: true);
        var before = await StateAsync();
        var cpu = CpuTime.Measure(() => TryAsync(async () => { await host.DeliverAsync(blob); return true; }), out var answer);
        var published = await host.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "post" && e.GetString("SourceName") == blob).AnyAsync();
        var outcome = new HostileOutcome(input, "blob trigger")
        {
            Cpu = cpu,
            Crash = answer.Crash,
            Refused = answer.Crash is null && !published,
            Published = published,
        };
        var slug = published
            ? (await host.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "post" && e.GetString("SourceName") == blob).FirstAsync()).RowKey
            : "none";
        Expect(DroppedBlob, await CheckAsync(outcome, before, $"posts/{slug}/index.html"));
    }

    /// <summary>Keeps the outcome for the report, and fails this input's case on any violation.</summary>
    private void Expect(string entryPoint, HostileOutcome outcome)
    {
        report.Add(entryPoint, outcome);
        var violations = HostileReport.Summarize([outcome]);
        output.WriteLine(violations);
        Assert.True(violations.Length == 0, violations);
    }

    private static async Task<(T? Result, string? Crash)> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (Exception ex)
        {
            return (default, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The site's files and the index's post rows: equal states mean nothing was written.</summary>
    private async Task<(IReadOnlyDictionary<string, string> Site, int Rows)> StateAsync()
    {
        var rows = 0;
        await foreach (var row in host.Index.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            rows++;
        }

        return (await host.SnapshotAsync(), rows);
    }

    private int good;

    private async Task<HostileOutcome> CheckAsync(HostileOutcome outcome, (IReadOnlyDictionary<string, string> Site, int Rows) before, string pagePath)
    {
        if (outcome.Refused)
        {
            var after = await StateAsync();
            var changed = after.Site.Where(f => !before.Site.TryGetValue(f.Key, out var v) || v != f.Value).Select(f => f.Key).Take(3).ToList();
            if (changed.Count > 0 || after.Rows != before.Rows)
            {
                outcome = outcome with { PartialWrite = $"{string.Join(", ", changed)} (index rows {before.Rows} → {after.Rows})" };
            }
        }
        else if (outcome.Published)
        {
            outcome = outcome with { UnsafePage = HostileReport.UnsafeIn(await host.ReadSiteTextAsync(pagePath)) };
        }

        // A good post still publishes after it, and is on the home page.
        var slug = $"good-{++good}";
        var date = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(good);
        var result = await host.PutAsync(slug, $"---\ntitle: Good post {good}\ndate: {date:yyyy-MM-ddTHH:mm:ssZ}\ntags: [Ukraine]\n---\nStill fine.\n");
        var home = await host.ReadSiteTextAsync("index.html") ?? string.Empty;
        if (result.StatusCode is not (200 or 201) || !home.Contains($"/posts/{slug}/", StringComparison.Ordinal))
        {
            outcome = outcome with { GoodPostFailed = $"{result.StatusCode}: {result.Content}" };
        }

        return outcome;
    }
}
