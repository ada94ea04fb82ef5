using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CovalentBond.Bench;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Publishes one post into sites of growing size and reports storage operations and wall time per
// publish. Usage: dotnet run -c Release --project bench/CovalentBond.Bench -- [sizes] [publishes]
// e.g. "100,1000,10000 20". See docs/performance.md.
if (args.Length > 0 && args[0] == "republish")
{
    await RepublishBench.RunAsync(
        FindRoot(),
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4);
    return;
}

if (args.Length > 0 && args[0] == "media")
{
    await MediaBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3,
        avif: !args.Contains("noavif"));
    return;
}

if (args.Length > 0 && args[0] == "render")
{
    SanitizerBench.RunRender((args.Length > 1 ? args[1] : "256,512,1024").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList());
    return;
}

if (args.Length > 0 && args[0] == "sanitizer")
{
    SanitizerBench.Run((args.Length > 1 ? args[1] : "128,256,512,1024,2048").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList());
    return;
}

if (args.Length > 0 && args[0] == "media-quality")
{
    await MediaQuality.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3, smooth: args.Contains("smooth"));
    return;
}

if (args.Length > 0 && args[0] == "build-stages")
{
    await BuildStages.RunAsync(args[1]);
    return;
}

if (args.Length > 0 && args[0] == "media-vips")
{
    MediaBench.RunVipsChild(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "uploads")
{
    await UploadProbe.RunAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args.Length > 0 && args[0] == "preview")
{
    await PreviewBench.RunAsync(FindRoot(),
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
    return;
}

if (args.Length > 0 && args[0] == "concurrent")
{
    await ConcurrentBench.RunAsync(FindRoot());
    return;
}

var sizes = (args.Length > 0 ? args[0] : "100,1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var publishes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
string[] tagPool = ["Ukraine", "Russia", "USA", "Europe", "EU", "Türkiye", "Serbia", "Balkans", "Trade", "Asia"];
var root = FindRoot();

// Azurite keeps everything in one Node heap; near Node's default limit its garbage collector slows every
// request at 10,000 posts, which would be measured as the site's size. Give it room.
Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=8192");

// The first site measured would also pay for JIT compilation: measure a small throwaway site first.
sizes.Insert(0, -50);

Console.WriteLine($"| site size | publishes | blob writes (median / max) | blob reads (median) | table writes (median) | table reads (median) | wall ms (median / p90) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var requested in sizes)
{
    var throwaway = requested < 0;
    var size = Math.Abs(requested);
    // The site in a blob service of its own, as deployed (its own storage account).
    await using var azurite = await AzuriteServer.StartAsync(root, siteAccount: true);
    var counter = new StorageOperationCounter { TablePort = azurite.TablePort };
    var timer = new StorageTimer { TablePort = azurite.TablePort };
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        [StorageOptions.ConnectionName] = azurite.ConnectionString,
        ["Site:Name"] = "Covalent Bond",
        ["Site:BaseUrl"] = "https://covalentbond.example/",
        ["Site:TimeZone"] = "Europe/Belgrade",
    }).Build();
    var blobOptions = new BlobClientOptions();
    blobOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
    blobOptions.AddPolicy(timer, Azure.Core.HttpPipelinePosition.PerRetry);
    var tableOptions = new TableClientOptions();
    tableOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
    tableOptions.AddPolicy(timer, Azure.Core.HttpPipelinePosition.PerRetry);
    await using var services = new ServiceCollection()
        .AddCovalentBond(configuration)
        .AddSingleton(new ContentStorageClients(
            new BlobServiceClient(azurite.ConnectionString, blobOptions),
            new TableServiceClient(azurite.ConnectionString, tableOptions),
            new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString),
            new BlobServiceClient(azurite.SiteConnectionString, blobOptions)))
        .BuildServiceProvider();

    var index = services.GetRequiredService<IPostIndex>();
    var publisher = services.GetRequiredService<PostPublisher>();
    var start = new DateTimeOffset(2015, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // Seed the index with `size` published posts spread over the years before the measured ones.
    var seeding = Stopwatch.StartNew();
    using var gate = new SemaphoreSlim(16);
    await Task.WhenAll(Enumerable.Range(0, size).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            var date = start.AddHours(i * 7);
            await index.SaveAsync(new PostRecord
            {
                Slug = $"seed-{i:D6}",
                Title = $"Seed post {i}",
                Subtitle = "A post that was already there.",
                Author = "Michael K.",
                Date = date,
                Modified = date,
                Tags = new[] { tagPool[i % 10], tagPool[(i * 3 + 1) % 10] }.Distinct().Select(t => Tag.From(t)!).ToList(),
                SourceName = $"seed-{i:D6}.md",
                ContentHash = "seed",
                GoesLiveAt = date,
            }, default);
        }
        finally
        {
            gate.Release();
        }
    }));
    seeding.Stop();

    // Warm up: render the shared pages once, so the measured publishes pay only for what changes.
    var newest = start.AddHours(size * 7);
    for (var w = 0; w < 3; w++)
    {
        await publisher.PublishAsync(PostUpload.FromHttp(Post($"Warm-up {w}", newest.AddMinutes(w), tagPool[w], tagPool[w + 3], tagPool[w + 6]), $"warm-up-{w}", Caller.StorageOperator("bench")));
    }

    timer.Enabled = true;
    var rows = new List<(long BlobWrites, long BlobReads, long TableWrites, long TableReads, double Ms)>();
    for (var p = 0; p < publishes; p++)
    {
        var before = counter.Snapshot();
        var watch = Stopwatch.StartNew();
        var result = await publisher.PublishAsync(PostUpload.FromHttp(Post($"Measured {p}", newest.AddHours(1 + p), tagPool[p % 10], tagPool[(p + 3) % 10], tagPool[(p + 6) % 10]), $"measured-{p}", Caller.StorageOperator("bench")));
        watch.Stop();
        if (result.Status == PublishStatus.Invalid)
        {
            throw new InvalidOperationException(string.Join("; ", result.Problems));
        }

        var after = counter.Snapshot();
        rows.Add((after.BlobWrites - before.BlobWrites, after.BlobReads - before.BlobReads, after.TableWrites - before.TableWrites, after.TableReads - before.TableReads, watch.Elapsed.TotalMilliseconds));
    }

    if (throwaway)
    {
        continue;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {size:N0} | {publishes} | {Median(rows.Select(r => (double)r.BlobWrites))} / {rows.Max(r => r.BlobWrites)} | {Median(rows.Select(r => (double)r.BlobReads))} | {Median(rows.Select(r => (double)r.TableWrites))} | {Median(rows.Select(r => (double)r.TableReads))} | {Median(rows.Select(r => r.Ms)):F0} / {Percentile(rows.Select(r => r.Ms), 0.9):F0} |"));
    Console.Error.WriteLine($"  (seeded {size:N0} posts in {seeding.Elapsed.TotalSeconds:F0} s)");
    foreach (var (kind, (count, ms)) in timer.Totals.OrderBy(t => t.Key, StringComparer.Ordinal))
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {kind}: {count / (double)publishes:F1} per publish, {ms / count:F2} ms each"));
    }
}

static byte[] Post(string title, DateTimeOffset date, params string[] tags) => Encoding.UTF8.GetBytes(
    $"---\ntitle: {title}\ndate: {date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}\nauthor: Michael K.\nsubtitle: Measured.\ntags: [{string.Join(", ", tags)}]\n---\nA measured post with a few words of body text.\n");

static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

static double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CovalentBond.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}
