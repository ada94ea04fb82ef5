using System.Diagnostics;
using System.Globalization;
using System.Text;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Bench;

/// <summary>100 different posts and 12 racing edits of one post, all at once: how long each publish waits.</summary>
internal static class ConcurrentBench
{
    public static async Task RunAsync(string root)
    {
        await using var azurite = await AzuriteServer.StartAsync(root);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = azurite.ConnectionString,
            ["Site:Name"] = "Covalent Bond",
        }).Build();
        await using var services = new ServiceCollection().AddCovalentBond(configuration).BuildServiceProvider();
        var publisher = services.GetRequiredService<PostPublisher>();
        string[] tags = ["Ukraine", "Russia", "USA", "Europe", "EU", "Türkiye", "Serbia", "Balkans", "Trade", "Asia"];
        var start = new DateTimeOffset(2025, 1, 3, 9, 0, 0, TimeSpan.FromHours(1));
        var uploads = Enumerable.Range(0, 100).Select(i => ($"post-{i:D3}", Post($"Post {i}", start.AddDays(i * 3), tags[i % 10], tags[(i * 3 + 1) % 10])))
            .Concat(Enumerable.Range(0, 12).Select(e => ("racing-edit", Post($"Edit {e}", start.AddDays(e * 20), tags[e % 10]))))
            .ToList();

        var total = Stopwatch.StartNew();
        var timings = await Task.WhenAll(uploads.Select(u => Task.Run(async () =>
        {
            var watch = Stopwatch.StartNew();
            await publisher.PublishAsync(PostUpload.FromHttp(u.Item2, u.Item1, Caller.StorageOperator("bench")));
            return (Slug: u.Item1, Ms: watch.Elapsed.TotalMilliseconds);
        })));
        total.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{uploads.Count} publishes at once: {total.Elapsed.TotalSeconds:F1} s in all"));
        foreach (var group in timings.GroupBy(t => t.Slug == "racing-edit" ? "racing edits" : "different posts"))
        {
            var ms = group.Select(t => t.Ms).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key}: median {ms[ms.Count / 2]:F0} ms, max {ms[^1]:F0} ms"));
        }
    }

    private static byte[] Post(string title, DateTimeOffset date, params string[] tags) => Encoding.UTF8.GetBytes(
        $"---\ntitle: {title}\ndate: {date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}\ntags: [{string.Join(", ", tags)}]\n---\nBody.\n");
}
