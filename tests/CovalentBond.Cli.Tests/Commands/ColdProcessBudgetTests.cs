using System.Diagnostics;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// A budget judges the post, not the process (issue 26, finding 5): short posts with raw HTML, each published by a fresh
/// <c>covalent</c> process while other processes keep every core busy, are all accepted. Before, the first render of a
/// process paid for compiling the sanitizer and its parser inside the post's 1 s of CPU.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class ColdProcessBudgetTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cold-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string RawHtmlPost(int n, int size)
    {
        var block = $"<div class=\"note\"><p>Raw <b>HTML</b> number {n} with a <a href=\"https://example.com/{n}\">link</a>, <em>emphasis</em> and a table.</p><table><tr><td>1</td><td>2</td></tr></table></div>\n\n";
        var body = string.Concat(Enumerable.Repeat(block, (size / block.Length) + 1))[..size];
        return $"---\ntitle: Cold {n}\ndate: 2025-05-20\n---\n{body}\n";
    }

    [Fact]
    public async Task Short_posts_with_raw_html_are_accepted_by_fresh_processes_on_a_busy_machine()
    {
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        var cli = Path.Combine(AppContext.BaseDirectory, "covalent.dll");
        var busy = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!).ToList();
        try
        {
            foreach (var (n, size) in new[] { (1, 560), (2, 1_000), (3, 560), (4, 1_000) })
            {
                var file = Path.Combine(root, $"cold-{n}.md");
                await File.WriteAllTextAsync(file, RawHtmlPost(n, size));
                var start = new ProcessStartInfo("dotnet", [cli, "publish", file, "--site", siteFile]) { RedirectStandardOutput = true, RedirectStandardError = true };
                start.Environment["COVALENT_JIT_PROFILE"] = "off";
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync();
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();

                Assert.True(process.ExitCode == 0, $"post {n} ({size} bytes) was refused by a fresh process: {await output}{error}");
            }
        }
        finally
        {
            foreach (var spinner in busy)
            {
                spinner.Kill(entireProcessTree: true);
                spinner.Dispose();
            }
        }
    }
}
