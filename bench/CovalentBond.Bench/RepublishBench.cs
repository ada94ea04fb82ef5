using System.Diagnostics;
using System.Globalization;
using System.Text;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Bench;

/// <summary>
/// The full republish of N posts into Azurite, driven through the republish queue by W workers in this
/// process (standing for W Functions instances), beside Hugo's full build of the same posts, in one run.
/// Usage: dotnet run -c Release --project bench/CovalentBond.Bench -- republish 10000 4
/// </summary>
internal static class RepublishBench
{
    private static readonly string[] Tags = ["Ukraine", "Russia", "USA", "Europe", "EU", "Türkiye", "Serbia", "Balkans", "Trade", "Asia"];

    public static async Task RunAsync(string root, int count, int workers)
    {
        var corpus = Directory.CreateTempSubdirectory("covalent-corpus-").FullName;
        try
        {
            var posts = Path.Combine(corpus, "content", "posts");
            Directory.CreateDirectory(posts);
            for (var i = 0; i < count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(posts, $"post-{i:D5}.md"), Post(i));
            }

            Console.WriteLine($"corpus: {count:N0} posts, 10 tags, {Directory.EnumerateFiles(posts).Sum(f => new FileInfo(f).Length) / 1024:N0} KiB of Markdown");
            var (republishSeconds, pages, files) = await RepublishAsync(root, posts, count, workers);
            if (Environment.GetEnvironmentVariable("REPUBLISH_NO_HUGO") == "1")
            {
                return;
            }

            var (hugoSeconds, hugoFiles, hugoVersion) = await HugoAsync(corpus);

            Console.WriteLine();
            Console.WriteLine("| system | work | files written | wall time |");
            Console.WriteLine("|---|---|---:|---:|");
            Console.WriteLine($"| Covalent Bond, Azurite, {workers} queue workers | full republish of {count:N0} posts ({pages:N0} pages) | {files:N0} | {republishSeconds:F1} s |");
            Console.WriteLine($"| {hugoVersion} | full build of the same {count:N0} posts | {hugoFiles:N0} | {hugoSeconds:F1} s |");
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }

    private static string Post(int i)
    {
        var date = new DateTimeOffset(2016, 1, 1, 8, 0, 0, TimeSpan.FromHours(1)).AddHours(i * 7.3);
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"Report {i} opens with the news of the day, told plainly and with its sources named.");
        body.AppendLine();
        body.AppendLine("## What happened");
        body.AppendLine();
        for (var p = 0; p < 3; p++)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Paragraph {p} of report {i}: the talks resumed, the delegations met, and the *statement* afterwards said little. Observers [quoted in the press](https://example.org/{i}/{p}) expect **more** rounds before any agreement.");
            body.AppendLine();
        }

        body.AppendLine("- one point\n- another point\n- a third point");
        return $"---\ntitle: \"Report {i}: talks resume\"\ndate: {date:yyyy-MM-ddTHH:mm:sszzz}\nauthor: Michael K.\n" +
               $"description: \"Summary of report {i}\"\ntags: [{Tags[i % 10]}, {Tags[(i * 7 + 3) % 10]}]\n---\n{body}";
    }

    private static async Task<(double Seconds, int Pages, int Files)> RepublishAsync(string root, string posts, int count, int workers)
    {
        // Azurite keeps everything in one Node heap: give it room for 10,000 posts and their pages.
        Environment.SetEnvironmentVariable("NODE_OPTIONS", ("--max-old-space-size=8192 " + Environment.GetEnvironmentVariable("REPUBLISH_NODE_OPTIONS")).Trim());
        // REPUBLISH_SITE_ACCOUNT=0: the static website in the content account, as before the site had an account of its own.
        var siteAccount = Environment.GetEnvironmentVariable("REPUBLISH_SITE_ACCOUNT") != "0";
        await using var azurite = await AzuriteServer.StartAsync(root, siteAccount: siteAccount);
        Console.WriteLine(siteAccount ? "the site in its own account (a blob service of its own)" : "the site in the content account");
        var counter = new StorageOperationCounter { TablePort = azurite.TablePort, QueuePort = azurite.QueuePort };
        if (Environment.GetEnvironmentVariable("REPUBLISH_REQUESTS") == "1")
        {
            counter.Kinds = new();
        }
        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = azurite.ConnectionString,
            ["Site:Name"] = "Covalent Bond",
            ["Site:BaseUrl"] = "https://covalentbond.example/",
            ["Site:TimeZone"] = "Europe/Belgrade",
        };

        // The app's default batch size unless the run names another.
        if (Environment.GetEnvironmentVariable("REPUBLISH_BATCH") is { Length: > 0 } batchSize)
        {
            settings["Republish:BatchSize"] = batchSize;
        }

        // Seed: every source stored, copied beside the index and indexed, as publishing does, but no page
        // rendered: the first republish below renders and writes every page, a static generator's full build.
        var seeding = Stopwatch.StartNew();
        await using (var seeder = Services(settings, azurite, counter))
        {
            var reader = seeder.GetRequiredService<PostReader>();
            var sources = seeder.GetRequiredService<ISourceStore>();
            var copies = seeder.GetRequiredService<ISourceCache>();
            var index = seeder.GetRequiredService<IPostIndex>();
            using var gate = new SemaphoreSlim(16);
            await Task.WhenAll(Directory.GetFiles(posts).Select(async file =>
            {
                await gate.WaitAsync();
                try
                {
                    var content = await File.ReadAllBytesAsync(file);
                    var name = Path.GetFileName(file);
                    var post = reader.Read(content, name).Post ?? throw new InvalidOperationException($"{file} does not read");
                    var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
                    await sources.SaveAsync(name, content, hash, null, CancellationToken.None);
                    await copies.PutAsync(post.Slug, hash, content, CancellationToken.None);
                    await index.SaveAsync(PostRecord.Of(post, name, hash, DateTimeOffset.UtcNow), CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.WriteLine($"seeded {count:N0} posts in {seeding.Elapsed.TotalSeconds:F0} s");
        if (Environment.GetEnvironmentVariable("REPUBLISH_PROBE") == "1")
        {
            await ProbeAsync(settings, azurite, counter, count);
        }
        Console.WriteLine();
        Console.WriteLine("| republish | pages | files written | blob writes | blob reads | table writes | table reads | queue requests | requests per written page | wall time | CPU: Azurite + workers |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var first = await TimedRepublishAsync("first (no page yet)", settings, azurite, counter, workers);

        // The site owner uploads a new stylesheet: every page links the new one.
        await using (var owner = Services(settings, azurite, counter))
        {
            var themes = owner.GetRequiredService<ContentStorageClients>().Blobs.GetBlobContainerClient("theme");
            await themes.CreateIfNotExistsAsync();
            await themes.UploadBlobAsync("site.css", BinaryData.FromString("body { color: #123456; }"));
        }

        await TimedRepublishAsync("after a theme change", settings, azurite, counter, workers);
        await TimedRepublishAsync("nothing changed", settings, azurite, counter, workers);
        if (Environment.GetEnvironmentVariable("REPUBLISH_VERIFY") == "1")
        {
            await TimedVerifyAsync(settings, azurite, counter);
        }

        Console.WriteLine();
        foreach (var note in Notes)
        {
            Console.WriteLine(note);
        }

        return first;
    }

    /// <summary>The daily verify (no repair) of the site the republishes left: its time, requests and drifts (none expected).</summary>
    private static async Task TimedVerifyAsync(Dictionary<string, string?> settings, AzuriteServer azurite, StorageOperationCounter counter)
    {
        await using var services = Services(settings, azurite, counter);
        var verifier = services.GetRequiredService<CovalentBond.Publishing.Verifying.SiteVerifier>();
        var (_, blobReads, _, tableReads) = counter.Snapshot();
        var total = counter.Total;
        var (emulatorCpu, ownCpu) = (azurite.ProcessorTime, Process.GetCurrentProcess().TotalProcessorTime);
        counter.Kinds?.Clear();
        var clock = Stopwatch.StartNew();
        var report = await verifier.VerifyAsync(repair: false, CancellationToken.None);
        clock.Stop();
        var after = counter.Snapshot();
        Notes.Add(
            $"verify (no repair): {clock.Elapsed.TotalSeconds:F1} s, {counter.Total - total:N0} requests ({after.BlobReads - blobReads:N0} blob, {after.TableReads - tableReads:N0} table reads), " +
            $"{report.Drifts.Count} drifts, {report.SourcesChecked:N0} sources and {report.FilesChecked:N0} files checked; " +
            $"CPU: Azurite {(azurite.ProcessorTime - emulatorCpu).TotalSeconds:F1} s + verify {(Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds:F1} s");
        foreach (var (kind, (n, ms)) in (counter.Kinds ?? new()).OrderByDescending(k => k.Value.Count).Take(8))
        {
            Notes.Add($"    {n,9:N0} requests {ms,9:N0} ms  {kind}");
        }
    }

    // What each republish's row cannot hold, printed under the table.
    private static readonly List<string> Notes = [];

    private static async Task<(double Seconds, int Pages, int Files)> TimedRepublishAsync(
        string what, Dictionary<string, string?> settings, AzuriteServer azurite, StorageOperationCounter counter, int workers)
    {
        await using var services = Services(settings, azurite, counter);
        var republisher = services.GetRequiredService<SiteRepublisher>();
        var worker = services.GetRequiredService<RepublishQueueWorker>();
        var (blobWrites, blobReads, tableWrites, tableReads) = counter.Snapshot();
        var queue = counter.QueueRequests;
        var total = counter.Total;
        var (emulatorCpu, ownCpu) = (azurite.ProcessorTimes, Process.GetCurrentProcess().TotalProcessorTime);
        counter.Kinds?.Clear();
        // When each batch ran, from the batches' own activities: where the wall time between plan and end goes.
        var batches = new System.Collections.Concurrent.ConcurrentBag<(int Batch, DateTime Start, TimeSpan Duration)>();
        var planSteps = new List<(string Name, DateTime At)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source == CovalentBond.Publishing.Telemetry.PublishingTelemetry.Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.OperationName == "republish.batch" && a.GetTagItem("covalent.batch") is int number)
                {
                    batches.Add((number, a.StartTimeUtc, a.Duration));
                }
                else if (a.OperationName == "republish.plan")
                {
                    planSteps.AddRange(a.Events.Select(e => (e.Name, e.Timestamp.UtcDateTime)));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var job = await republisher.StartAsync("benchmark", CancellationToken.None);
        var planned = clock.Elapsed;
        var finished = (await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => worker.RunUntilFinishedAsync(job.JobId, null, CancellationToken.None)))))[0];
        clock.Stop();
        var emulator = azurite.ProcessorTimes.Zip(emulatorCpu, (now, before) => (now - before).TotalSeconds).ToList();
        var cpu = $"{emulator.Sum():F1} s + {(Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds:F1} s";
        if (finished.Failed > 0)
        {
            throw new InvalidOperationException($"The republish had {finished.Failed} failed pages: {finished.Failures[0].LastError}");
        }

        var status = (await republisher.StatusAsync(job.JobId, CancellationToken.None))!;
        var after = counter.Snapshot();
        var requests = counter.Total - total;
        var perPage = status.Written == 0 ? "—" : ((double)requests / status.Written).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine(
            $"| {what} | {status.Total:N0} | {status.Written:N0} | {after.BlobWrites - blobWrites:N0} | {after.BlobReads - blobReads:N0} | {after.TableWrites - tableWrites:N0} | " +
            $"{after.TableReads - tableReads:N0} | {counter.QueueRequests - queue:N0} | {perPage} | {clock.Elapsed.TotalSeconds:F1} s | {cpu} |");
        var split = emulator.Count >= 3 ? $", Azurite by service: blob {emulator[0]:F1} s, queue {emulator[1]:F1} s, table {emulator[2]:F1} s" : string.Empty;
        split += emulator.Count == 4 ? $", the site's blob service {emulator[3]:F1} s" : string.Empty;
        Notes.Add($"{what}: planned in {planned.TotalSeconds:F1} s{split}");
        if (planSteps.Count > 0)
        {
            Notes.Add("    plan: " + string.Join(", ", planSteps.Select(p => $"{p.Name} at {(p.At - started).TotalSeconds:F2} s")));
        }

        if (!batches.IsEmpty)
        {
            double At(DateTime t) => (t - started).TotalSeconds;
            var ordered = batches.OrderBy(b => b.Start).ToList();
            Notes.Add($"    batches: first started at {At(ordered[0].Start):F1} s, last ended at {ordered.Max(b => At(b.Start + b.Duration)):F1} s; " +
                      $"median {ordered.Select(b => b.Duration.TotalSeconds).Order().ElementAt(ordered.Count / 2):F2} s; longest: " +
                      string.Join(", ", ordered.OrderByDescending(b => b.Duration).Take(4).Select(b => $"#{b.Batch} {b.Duration.TotalSeconds:F2} s from {At(b.Start):F1} s")));
        }
        foreach (var (kind, (n, ms)) in (counter.Kinds ?? new()).OrderByDescending(k => k.Value.Ms))
        {
            Notes.Add($"    {n,6:N0} requests {ms,9:N0} ms  {kind}");
        }

        return (clock.Elapsed.TotalSeconds, status.Total, status.Written);
    }

    /// <summary>What one request of each kind a republish batch makes costs Azurite at this size (diagnostic).</summary>
    private static async Task ProbeAsync(Dictionary<string, string?> settings, AzuriteServer azurite, StorageOperationCounter counter, int count)
    {
        await using var services = Services(settings, azurite, counter);
        var index = services.GetRequiredService<IPostIndex>();
        var cache = services.GetRequiredService<ISourceCache>();
        var web = services.GetRequiredService<ContentStorageClients>().Blobs.GetBlobContainerClient("probe");
        await web.CreateIfNotExistsAsync();
        var slugs = (await index.RangeAsync(string.Empty, "\uffff", CancellationToken.None)).Select(r => r.Slug).Order(StringComparer.Ordinal).ToList();
        async Task<double> Time(int n, Func<int, Task> what)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                await what(i);
            }

            return clock.Elapsed.TotalMilliseconds / n;
        }

        var page = BinaryData.FromBytes(new byte[12_000]);
        Console.WriteLine($"probe over {slugs.Count:N0} records:");
        Console.WriteLine($"  record range of 100: {await Time(10, i => index.RangeAsync(slugs[i * 100], slugs[(i * 100) + 99], CancellationToken.None)):F1} ms");
        Console.WriteLine($"  source range of 100: {await Time(10, i => cache.RangeAsync(slugs[i * 100], slugs[(i * 100) + 99], CancellationToken.None)):F1} ms");
        Console.WriteLine($"  one record: {await Time(20, i => index.GetAsync(slugs[i], CancellationToken.None)):F1} ms");
        Console.WriteLine($"  one 12 KB upload: {await Time(200, i => web.GetBlobClient($"p/{i}.html").UploadAsync(page, overwrite: true)):F2} ms");
        Console.WriteLine($"  100 uploads, 8 at a time: {await Time(5, async _ => await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) => await web.GetBlobClient($"q/{i}.html").UploadAsync(page, overwrite: true, ct))) / 100:F2} ms each");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, AzuriteServer azurite, StorageOperationCounter counter)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddCovalentBond(configuration)
            .AddSingleton(ContentStorageClients.FromConnectionString(azurite.ConnectionString, options => options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry), azurite.SiteConnectionString))
            .BuildServiceProvider();
        services.WarmUpCovalentBond();
        return services;
    }

    /// <summary>A minimal Hugo site with the same page anatomy (article with a latest-news list, home, tag pages, feeds).</summary>
    private static async Task<(double Seconds, int Files, string Version)> HugoAsync(string corpus)
    {
        await File.WriteAllTextAsync(Path.Combine(corpus, "config.toml"), """
            baseURL = "https://covalentbond.example/"
            title = "Covalent Bond"
            languageCode = "en-us"
            [taxonomies]
              tag = "tags"
            [outputs]
              home = ["HTML", "RSS"]
              taxonomy = ["HTML"]
              term = ["HTML", "RSS"]
            """);
        var layouts = Path.Combine(corpus, "layouts", "_default");
        Directory.CreateDirectory(layouts);
        await File.WriteAllTextAsync(Path.Combine(layouts, "baseof.html"), """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
            <meta name="description" content="{{ .Description }}"><link rel="canonical" href="{{ .Permalink }}"></head>
            <body><header><a href="/">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main>
            <aside><h2>Latest news</h2>{{ partialCached "latest.html" . "latest" }}</aside>
            </body></html>
            """);

        // The latest-news list is the same on every page: cached once, as a Hugo site would do it.
        var partials = Path.Combine(corpus, "layouts", "partials");
        Directory.CreateDirectory(partials);
        await File.WriteAllTextAsync(Path.Combine(partials, "latest.html"), """
            <ul>{{ range first 20 (where .Site.RegularPages "Section" "posts") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "1/2/06" }}</li>{{ end }}</ul>
            """);
        await File.WriteAllTextAsync(Path.Combine(layouts, "single.html"), """
            {{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Description }}</p><p>{{ .Params.author }} · {{ .Date.Format "1/2/06" }}</p>{{ .Content }}
            <ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}
            """);
        await File.WriteAllTextAsync(Path.Combine(layouts, "list.html"), """
            {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range first 50 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
            """);

        var version = (await Run("hugo", ["version"], corpus)).Split(' ').Take(2).Aggregate((a, b) => $"{a} {b}");
        var output = Path.Combine(corpus, "public");
        var clock = Stopwatch.StartNew();
        await Run("hugo", ["--quiet", "--source", corpus, "--destination", output], corpus);
        clock.Stop();
        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Count();
        Console.WriteLine($"{version}: {files:N0} files in {clock.Elapsed.TotalSeconds:F1} s");
        return (clock.Elapsed.TotalSeconds, files, version);
    }

    private static async Task<string> Run(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await error}");
        }

        return await output;
    }
}
