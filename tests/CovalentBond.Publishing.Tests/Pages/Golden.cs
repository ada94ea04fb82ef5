namespace CovalentBond.Publishing.Tests.Pages;

/// <summary>The golden files of this project, in <c>Golden/</c> (Testing/GoldenFiles: <c>UPDATE_GOLDEN=1</c> rewrites them).</summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual) =>
        Testing.GoldenFiles.AssertMatches($"tests/CovalentBond.Publishing.Tests/Golden/{name}", actual);
}
