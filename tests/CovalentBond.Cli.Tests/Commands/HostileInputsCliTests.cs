using System.Text.Json;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Testing;
using CovalentBond.Testing.Hostile;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// The hostile-input corpus through the CLI: <c>covalent publish</c> into storage and <c>covalent build</c>
/// into a folder. One run per input, of a folder holding the hostile file and a good post that sorts after
/// it: the run must not crash, must report a refused file as file:line and store nothing for it, must
/// still publish (or build) the good post, and put nothing unsafe on a page. The CPU of the whole run
/// (the good post and the CLI's start included) must stay under the 2 s budget.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class HostileInputsCliTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hostile-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A folder with the input as a-{input}.md and b-good.md, a post with slug good-n dated after the last.</summary>
    private static async Task<(string Folder, string File)> WriteAsync(string root, int n, HostileInput input)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, $"in-{n:D3}")).FullName;
        var file = Path.Combine(folder, $"a-{input.FileName}");
        await File.WriteAllBytesAsync(file, input.Content);
        var date = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n);
        await File.WriteAllTextAsync(Path.Combine(folder, "b-good.md"),
            $"---\ntitle: Good post {n}\ndate: {date:yyyy-MM-ddTHH:mm:ssZ}\nslug: good-{n}\ntags: [Ukraine]\n---\nStill fine.\n");
        return (folder, file);
    }

    [Fact]
    public async Task Publish_of_every_hostile_file_refuses_or_publishes_safely_and_the_good_post_after_it_publishes()
    {
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        var (sources, site) = Containers(siteFile);
        var outcomes = new List<HostileOutcome>();
        var n = 0;

        // A first run warms the process (JIT, theme), which no author's upload pays for twice.
        var (warm, _) = await WriteAsync(root, 0, HostileInputs.All[0]);
        await new CliRun().RunAsync(["publish", warm, "--site", siteFile]);
        foreach (var input in HostileInputs.All)
        {
            var (folder, file) = await WriteAsync(root, ++n, input);
            var run = new CliRun();
            HostileOutcome outcome;
            try
            {
                var cpu = CpuTime.Measure(() => run.RunAsync(["publish", folder, "--site", siteFile, "--json"]), out var exit);
                var results = JsonDocument.Parse(run.OutputText).RootElement.EnumerateArray()
                    .ToDictionary(r => Path.GetFileName(r.GetProperty("file").GetString()!));
                var result = results[Path.GetFileName(file)];
                var refused = result.GetProperty("status").GetString() == "invalid";
                var problems = result.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("text").GetString()!).ToList();
                outcome = new HostileOutcome(input, "covalent publish")
                {
                    Cpu = cpu,
                    Refused = refused && problems.Count > 0 && problems.All(p => p.Contains(Path.GetFileName(file) + ":", StringComparison.Ordinal)),
                    Published = !refused,
                    Crash = exit is not (0 or 1) ? $"exit code {exit}" : refused && problems.Count == 0 ? "refused without a problem" : null,
                };
                if (refused && await sources.GetBlobClient(PostUpload.SourceNameFor(file)).ExistsAsync())
                {
                    outcome = outcome with { PartialWrite = $"its source {PostUpload.SourceNameFor(file)} was stored" };
                }

                if (!refused && result.TryGetProperty("url", out var url))
                {
                    outcome = outcome with { UnsafePage = HostileReport.UnsafeIn(await ReadAsync(site, url.GetString()!.TrimStart('/') + "index.html")) };
                }

                if (results["b-good.md"].GetProperty("status").GetString() is not ("created" or "updated")
                    || !(await ReadAsync(site, "index.html") ?? string.Empty).Contains($"/posts/good-{n}/", StringComparison.Ordinal))
                {
                    outcome = outcome with { GoodPostFailed = "not published, or not on the home page" };
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                outcome = new HostileOutcome(input, "covalent publish") { Crash = $"{ex.GetType().Name}: {ex.Message}" };
            }

            outcomes.Add(outcome);
        }

        HostileReport.Write("covalent publish (one run per input, with the good post after it)", outcomes);
        var violations = HostileReport.Summarize(outcomes);
        Assert.True(violations.Length == 0, violations);
    }

    [Fact]
    public async Task Build_of_every_hostile_file_refuses_or_builds_safely_and_builds_the_good_post_beside_it()
    {
        var outcomes = new List<HostileOutcome>();
        var n = 0;
        var (warm, _) = await WriteAsync(root, 0, HostileInputs.All[0]);
        await new CliRun().RunAsync(["build", warm, "--out", Path.Combine(root, "out-warm")]);
        foreach (var input in HostileInputs.All)
        {
            var (folder, file) = await WriteAsync(root, ++n, input);
            var output = Path.Combine(root, $"out-{n:D3}");
            var run = new CliRun();
            HostileOutcome outcome;
            try
            {
                var cpu = CpuTime.Measure(() => run.RunAsync(["build", folder, "--out", output, "--now", "2027-01-01T00:00:00Z"]), out var exit);
                // A problem line names the file; a warning line (an image not there yet) says so first and refuses nothing.
                var refused = run.ErrorText.Split('\n').Any(l => !l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains(Path.GetFileName(file) + ":", StringComparison.Ordinal));
                outcome = new HostileOutcome(input, "covalent build")
                {
                    Cpu = cpu,
                    Refused = refused,
                    Published = !refused,
                    Crash = exit is not (0 or 1) ? $"exit code {exit}: {run.ErrorText}" : null,
                };

                var pages = Directory.Exists(Path.Combine(output, "posts"))
                    ? Directory.EnumerateFiles(Path.Combine(output, "posts"), "index.html", SearchOption.AllDirectories).ToList()
                    : [];
                if (refused && pages.Any(p => !p.Contains($"good-{n}", StringComparison.Ordinal)))
                {
                    outcome = outcome with { PartialWrite = "a page for the refused file" };
                }

                foreach (var page in pages)
                {
                    outcome = outcome with { UnsafePage = outcome.UnsafePage ?? HostileReport.UnsafeIn(await File.ReadAllTextAsync(page)) };
                }

                var home = Path.Combine(output, "index.html");
                if (!File.Exists(home) || !(await File.ReadAllTextAsync(home)).Contains($"/posts/good-{n}/", StringComparison.Ordinal))
                {
                    outcome = outcome with { GoodPostFailed = "not built, or not on the home page" };
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                outcome = new HostileOutcome(input, "covalent build") { Crash = $"{ex.GetType().Name}: {ex.Message}" };
            }

            outcomes.Add(outcome);
            Directory.Delete(output, recursive: true);
        }

        HostileReport.Write("covalent build (one build per input, with the good post beside it)", outcomes);
        var violations = HostileReport.Summarize(outcomes);
        Assert.True(violations.Length == 0, violations);
    }

    private static (BlobContainerClient Sources, BlobContainerClient Site) Containers(string siteFile)
    {
        var settings = JsonDocument.Parse(File.ReadAllText(siteFile)).RootElement;
        var service = new BlobServiceClient(settings.GetProperty("ContentStorage").GetString());
        var storage = settings.GetProperty("Storage");
        return (service.GetBlobContainerClient(storage.GetProperty("SourceContainer").GetString()),
            service.GetBlobContainerClient(storage.GetProperty("SiteContainer").GetString()));
    }

    private static async Task<string?> ReadAsync(BlobContainerClient container, string path)
    {
        var blob = container.GetBlobClient(path);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }
}
