using System.Reflection;
using CovalentBond.Testing;

namespace CovalentBond.Infra.Tests;

/// <summary>The Bicep CLI from the NuGet package (<c>Azure.Bicep.CommandLine.linux-x64</c>), as restored for this project.</summary>
internal static class Bicep
{
    public static string Path { get; } = Locate();

    public static Task<ExternalTool.Result> RunAsync(params string[] args) => ExternalTool.RunAsync(Path, args);

    /// <summary>Every template of the repository's <c>infra/</c> folder.</summary>
    public static IEnumerable<string> Templates() =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("infra"), "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Locate()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!
            .Replace('\\', '/');
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not where its package said: {path}");
        }

        // NuGet does not keep the executable bit of files it extracts (the package is the Linux build).
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The infrastructure tests use the Linux Bicep CLI package.");
        }

        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }
}
