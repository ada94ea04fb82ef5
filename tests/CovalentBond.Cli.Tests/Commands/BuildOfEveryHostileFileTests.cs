using CovalentBond.Testing;
using CovalentBond.Testing.Hostile;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// One <c>covalent build</c> of a folder holding every hostile input of the corpus beside the sample site's posts (issue 26):
/// no input stops the build, every refused file is named, every good post is built, and the exit code says something failed.
/// </summary>
public sealed class BuildOfEveryHostileFileTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hostile-folder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_build_of_every_hostile_file_and_the_sample_posts_builds_the_good_ones_names_the_bad_and_exits_1()
    {
        var content = Directory.CreateDirectory(Path.Combine(root, "content")).FullName;
        foreach (var input in HostileInputs.All)
        {
            await File.WriteAllBytesAsync(Path.Combine(content, input.FileName), input.Content);
        }

        var samples = RepositoryPaths.Combine("samples", "posts");
        foreach (var path in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(content, Path.GetRelativePath(samples, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }

        var output = Path.Combine(root, "out");
        var run = new CliRun();

        var exit = await run.RunAsync(["build", content, "--out", output, "--now", "2027-01-01T00:00:00Z"]);

        Assert.Equal(1, exit);
        var problemLines = run.ErrorText.Split('\n').Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        var unnamed = HostileInputs.All.Where(i => !i.MayPublish && !problemLines.Any(l => l.Contains(i.FileName + ":", StringComparison.Ordinal))).Select(i => i.FileName).ToList();
        Assert.True(unnamed.Count == 0, "refused inputs not named: " + string.Join(", ", unnamed));

        var sampleSlugs = Directory.EnumerateFileSystemEntries(samples).Select(p => Path.GetFileNameWithoutExtension(p)[11..]).ToList();
        Assert.Equal(7, sampleSlugs.Count);
        foreach (var slug in sampleSlugs)
        {
            Assert.True(File.Exists(Path.Combine(output, "posts", slug, "index.html")), $"the sample post {slug} was not built");
        }

        var home = await File.ReadAllTextAsync(Path.Combine(output, "index.html"));
        Assert.Contains("/posts/tomahawk-threat-and-bluff/", home, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "index.html", "index.html")));
        Assert.DoesNotContain("http-equiv=\"refresh\"", home, StringComparison.Ordinal);
    }
}
