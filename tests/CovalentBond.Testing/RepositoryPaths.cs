namespace CovalentBond.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The <c>functions.metadata</c> the Functions SDK wrote for the app built at <paramref name="appAssemblyLocation"/>.</summary>
    public static string FunctionsMetadata(string appAssemblyLocation)
    {
        var beside = Path.Combine(Path.GetDirectoryName(appAssemblyLocation)!, "functions.metadata");
        if (File.Exists(beside))
        {
            return beside;
        }

        // The SDK writes it next to the app's own build output, in the same configuration as the tests.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(appAssemblyLocation))!);
        return Combine("src", "CovalentBond.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CovalentBond.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find CovalentBond.sln above " + AppContext.BaseDirectory);
    }
}
