using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Site.Tests;

/// <summary>The Nu HTML checker (npm's <c>vnu-jar</c>, run with Java), over a set of pages at once.</summary>
internal static class NuChecker
{
    /// <summary>Every error (and fatal message) it reports, as <c>page: message</c> with the page relative to <paramref name="root"/>.</summary>
    public static async Task<List<string>> ErrorsAsync(IEnumerable<string> pages, string root)
    {
        var vnu = RepositoryPaths.Combine("node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        var result = await ExternalTool.RunAsync("java", ["-jar", vnu, "--format", "json", "--errors-only", .. pages]);

        using var report = JsonDocument.Parse(result.Error.Length > 0 ? result.Error : result.Output);
        return report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() == "error" || m.TryGetProperty("subType", out var s) && s.GetString() == "fatal")
            .Select(m => $"{Path.GetRelativePath(root, new Uri(m.GetProperty("url").GetString()!).LocalPath)}: {m.GetProperty("message").GetString()}")
            .ToList();
    }
}
