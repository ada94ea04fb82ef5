using CovalentBond.Cli;
using CovalentBond.Cli.Local;
using CovalentBond.Testing;

namespace CovalentBond.Site.Tests;

/// <summary>
/// The sample site built once with <c>covalent build</c> (the command users run) into a temporary
/// folder, and served on loopback the way the static website serves it.
/// </summary>
public sealed class BuiltSite : IAsyncLifetime
{
    /// <summary>The sample site is built as of this moment, so its output does not depend on today's date.</summary>
    public const string Now = "2025-10-17T12:00:00+00:00";

    private SiteServer? server;

    public string Folder { get; } = Directory.CreateTempSubdirectory("covalent-site-").FullName;

    public Uri Url => server?.Url ?? throw new InvalidOperationException("The site is not being served.");

    public IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["build", RepositoryPaths.Combine("samples", "posts"), "--out", Folder, "--site", RepositoryPaths.Combine("samples", "site.json"), "--now", Now],
            output,
            error);
        if (exit != 0)
        {
            throw new InvalidOperationException($"covalent build failed ({exit}): {output}{error}");
        }

        server = await SiteServer.StartAsync(new FolderSiteStore(Folder), 0, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Test classes that share the built sample site.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltSiteTests : ICollectionFixture<BuiltSite>
{
    public const string Name = "Built sample site";
}
