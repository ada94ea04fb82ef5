namespace CovalentBond.Publishing.Tests.Pages;

/// <summary>
/// Golden files: expected output checked into <c>Golden/</c> and reviewed like code. Set
/// <c>UPDATE_GOLDEN=1</c> to rewrite them after an intended change, then review the diff.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(Testing.RepositoryPaths.Root, "tests", "CovalentBond.Publishing.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"The golden file {path} is missing; run with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual.ReplaceLineEndings("\n"));
    }
}
