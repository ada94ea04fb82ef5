using Xunit;

namespace CovalentBond.Testing;

/// <summary>
/// Golden files: expected output checked into the repository and reviewed like code. Set <c>UPDATE_GOLDEN=1</c>
/// to rewrite them after an intended change, then review the diff.
/// </summary>
public static class GoldenFiles
{
    /// <param name="path">The golden file, relative to the repository's root.</param>
    public static void AssertMatches(string path, string actual)
    {
        var full = RepositoryPaths.Combine(path.Split('/'));
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, actual);
        }

        Assert.True(File.Exists(full), $"The golden file {full} is missing; run with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(full).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }
}
