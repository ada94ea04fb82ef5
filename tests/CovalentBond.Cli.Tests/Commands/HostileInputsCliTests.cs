using System.Text.Json;
using Azure.Storage.Blobs;
using CovalentBond.Testing;
using CovalentBond.Testing.Hostile;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// The hostile-input corpus through the CLI: <c>covalent publish</c> into storage and <c>covalent build</c>
/// into a folder. Each hostile file sits beside a good post that sorts right after it, so every good
/// post is handled after a hostile one: the run must not crash, must report each refused file as
/// file:line, and must still publish (or build) every good post, with nothing unsafe on any page.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class HostileInputsCliTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hostile-").FullName;
    private readonly string output = Directory.CreateTempSubdirectory("hostile-site-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        Directory.Delete(output, recursive: true);
    }

    /// <summary>Writes the corpus as n-a-{input}.md, each followed by n-b-good.md (a post with slug good-n).</summary>
    private async Task<List<(HostileInput Input, string File, string GoodSlug)>> WriteCorpusAsync()
    {
        var files = new List<(HostileInput, string, string)>();
        var n = 0;
        foreach (var input in HostileInputs.All)
        {
            n++;
            var file = Path.Combine(folder, $"{n:D3}-a-{input.FileName}");
            await File.WriteAllBytesAsync(file, input.Content);
            var date = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{n:D3}-b-good.md"),
                $"---\ntitle: Good post {n}\ndate: {date:yyyy-MM-ddTHH:mm:ssZ}\nslug: good-{n}\ntags: [Ukraine]\n---\nStill fine.\n");
            files.Add((input, file, $"good-{n}"));
        }

        return files;
    }

    [Fact]
    public async Task Publish_of_every_hostile_file_refuses_or_publishes_safely_and_every_good_post_publishes()
    {
        var files = await WriteCorpusAsync();
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        var run = new CliRun();

        var cpu = CpuTime.Measure(() => run.RunAsync(["publish", folder, "--site", siteFile, "--json"]), out var exit);

        Assert.Equal(1, exit);
        var results = JsonDocument.Parse(run.OutputText).RootElement.EnumerateArray()
            .ToDictionary(r => Path.GetFileName(r.GetProperty("file").GetString()!));
        var site = SiteContainer(siteFile);
        var outcomes = new List<HostileOutcome>();
        foreach (var (input, file, goodSlug) in files)
        {
            var result = results[Path.GetFileName(file)];
            var status = result.GetProperty("status").GetString();
            var refused = status is "invalid";
            var problems = result.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("text").GetString()!).ToList();
            var url = result.TryGetProperty("url", out var u) ? u.GetString() : null;
            var outcome = new HostileOutcome(input, "covalent publish")
            {
                Refused = refused && problems.Count > 0 && problems.All(p => p.Contains(Path.GetFileName(file), StringComparison.Ordinal)),
                Published = !refused,
                Crash = refused && problems.Count == 0 ? "refused without a problem" : null,
            };
            if (outcome.Published && url is not null)
            {
                outcome = outcome with { UnsafePage = HostileReport.UnsafeIn(await ReadAsync(site, url.TrimStart('/') + "index.html")) };
            }

            if (results[Path.GetFileName(file).Replace("-a-" + input.FileName, "-b-good.md", StringComparison.Ordinal)].GetProperty("status").GetString() is not ("created" or "updated")
                || await ReadAsync(site, $"posts/{goodSlug}/index.html") is null)
            {
                outcome = outcome with { GoodPostFailed = "not published" };
            }

            outcomes.Add(outcome);
        }

        Assert.Contains($"/posts/good-{files.Count}/", await ReadAsync(site, "index.html"), StringComparison.Ordinal);
        HostileReport.Write($"covalent publish (one run of {files.Count * 2} files, {cpu.TotalSeconds:F0} s CPU in all)", outcomes);
        var violations = HostileReport.Summarize(outcomes);
        Assert.True(violations.Length == 0, violations);
    }

    [Fact]
    public async Task Build_of_a_folder_with_every_hostile_file_builds_every_good_post()
    {
        var files = await WriteCorpusAsync();
        var run = new CliRun();

        var cpu = CpuTime.Measure(() => run.RunAsync(["build", folder, "--out", output, "--now", "2027-01-01T00:00:00Z"]), out var exit);

        Assert.Equal(1, exit);
        var errors = run.ErrorText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var outcomes = new List<HostileOutcome>();
        foreach (var (input, file, goodSlug) in files)
        {
            var name = Path.GetFileName(file);
            var refused = errors.Any(e => e.Contains(name + ":", StringComparison.Ordinal));
            var slug = Publishing.Posts.Slug.FromFileName(name);
            var page = Path.Combine(output, "posts", slug ?? "-", "index.html");
            var outcome = new HostileOutcome(input, "covalent build")
            {
                Refused = refused,
                Published = !refused,
            };
            if (!refused)
            {
                // A published hostile file may carry its own slug: look for its page by the file's title-less slug only when there.
                outcome = outcome with { UnsafePage = File.Exists(page) ? HostileReport.UnsafeIn(await File.ReadAllTextAsync(page)) : null };
            }

            if (!File.Exists(Path.Combine(output, "posts", goodSlug, "index.html")))
            {
                outcome = outcome with { GoodPostFailed = "not built" };
            }

            outcomes.Add(outcome);
        }

        Assert.Contains($"/posts/good-{files.Count}/", await File.ReadAllTextAsync(Path.Combine(output, "index.html")), StringComparison.Ordinal);
        foreach (var page in Directory.EnumerateFiles(Path.Combine(output, "posts"), "index.html", SearchOption.AllDirectories))
        {
            Assert.Null(HostileReport.UnsafeIn(await File.ReadAllTextAsync(page)));
        }

        HostileReport.Write($"covalent build (one build of {files.Count * 2} files, {cpu.TotalSeconds:F0} s CPU in all)", outcomes);
        var violations = HostileReport.Summarize(outcomes);
        Assert.True(violations.Length == 0, violations);
    }

    private static BlobContainerClient SiteContainer(string siteFile)
    {
        var settings = JsonDocument.Parse(File.ReadAllText(siteFile)).RootElement;
        return new BlobServiceClient(settings.GetProperty("ContentStorage").GetString())
            .GetBlobContainerClient(settings.GetProperty("Storage").GetProperty("SiteContainer").GetString());
    }

    private static async Task<string?> ReadAsync(BlobContainerClient container, string path)
    {
        var blob = container.GetBlobClient(path);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }
}
