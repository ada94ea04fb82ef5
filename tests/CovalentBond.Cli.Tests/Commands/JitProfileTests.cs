using System.Diagnostics;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// The tool keeps a multicore-JIT profile per command in the user's cache folder: written by a run, used by the next,
/// and never in the way of the command when the folder cannot be written or the user turned it off. These run the
/// real <c>covalent</c> program, since the profile is the process's own.
/// </summary>
public sealed class JitProfileTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("jit-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task A_build_leaves_its_profile_in_the_cache_folder_and_the_next_build_still_builds()
    {
        var cache = Path.Combine(work, "cache");

        for (var run = 0; run < 2; run++)
        {
            var (exit, errors) = await BuildAsync(new() { ["XDG_CACHE_HOME"] = cache });
            Assert.True(exit == 0, errors);
            Assert.True(File.Exists(Path.Combine(work, "site", "posts", "hello", "index.html")));
        }

        Assert.True(new FileInfo(Path.Combine(cache, "covalent", "jit", "build.profile")).Length > 0);
    }

    [Fact]
    public async Task A_cache_folder_that_cannot_be_made_or_a_profile_turned_off_leaves_the_build_as_it_was()
    {
        // XDG_CACHE_HOME names a file: no folder can be made under it.
        var file = Path.Combine(work, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var (exit, errors) = await BuildAsync(new() { ["XDG_CACHE_HOME"] = file });
        Assert.True(exit == 0, errors);
        Assert.DoesNotContain("Exception", errors, StringComparison.Ordinal);

        var cache = Path.Combine(work, "off");
        (exit, errors) = await BuildAsync(new() { ["XDG_CACHE_HOME"] = cache, ["COVALENT_JIT_PROFILE"] = "off" });
        Assert.True(exit == 0, errors);
        Assert.False(Directory.Exists(cache));
    }

    private async Task<(int Exit, string Errors)> BuildAsync(Dictionary<string, string> environment)
    {
        var content = Directory.CreateDirectory(Path.Combine(work, "posts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(content, "hello.md"), "---\ntitle: Hello\ndate: 2025-05-17\n---\nA body.");
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(CliApp).Assembly.Location, "build", content, "--out", Path.Combine(work, "site") })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await output;
        await process.WaitForExitAsync();
        return (process.ExitCode, errors);
    }
}
