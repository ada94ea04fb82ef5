using Azure.Data.Tables;
using CovalentBond.Testing;
using CovalentBond.Testing.Hostile;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CovalentBond.Functions.Tests.Hardening;

/// <summary>
/// The hostile-input corpus (<see cref="HostileInputs"/>) through the worker's two ways in, as the host
/// calls them: for every input, no 5xx, no exception escaping, nothing written when refused, what is
/// published carries no script, within the CPU budget, and a good post still publishes afterwards and
/// appears on the home page.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class HostileInputsTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private FunctionsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        await host.Services.GetRequiredService<CovalentBond.Storage.Hosting.StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_hostile_input_over_http_is_refused_cleanly_or_published_safely()
    {
        var outcomes = new List<HostileOutcome>();
        var n = 0;
        foreach (var input in HostileInputs.All)
        {
            var slug = $"h{++n}";
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
            outcomes.Add(await CheckAsync(outcome, before, $"posts/{slug}/index.html"));
        }

        HostileReport.Write("HTTP (PUT /api/posts/{slug})", outcomes);
        Assert.True(outcomes.Count >= 200);
        var violations = HostileReport.Summarize(outcomes);
        output.WriteLine(violations);
        Assert.True(violations.Length == 0, violations);
    }

    [Fact]
    public async Task Every_hostile_input_dropped_into_the_posts_container_is_logged_or_published_safely()
    {
        var outcomes = new List<HostileOutcome>();
        var n = 0;
        await host.Sources.CreateIfNotExistsAsync();
        foreach (var input in HostileInputs.All)
        {
            var name = $"d{++n}-{input.FileName}";
            await host.Sources.GetBlobClient(name).UploadAsync(new BinaryData(input.Content), overwrite: true);
            var before = await StateAsync();
            var cpu = CpuTime.Measure(() => TryAsync(async () => { await host.DeliverAsync(name); return true; }), out var answer);
            var published = await host.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "post" && e.GetString("SourceName") == name).AnyAsync();
            var outcome = new HostileOutcome(input, "blob trigger")
            {
                Cpu = cpu,
                Crash = answer.Crash,
                Refused = answer.Crash is null && !published,
                Published = published,
            };
            var slug = published
                ? (await host.Index.QueryAsync<TableEntity>(e => e.PartitionKey == "post" && e.GetString("SourceName") == name).FirstAsync()).RowKey
                : "none";
            outcomes.Add(await CheckAsync(outcome, before, $"posts/{slug}/index.html"));
        }

        HostileReport.Write("Blob trigger (a file dropped into posts)", outcomes);
        var violations = HostileReport.Summarize(outcomes);
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
