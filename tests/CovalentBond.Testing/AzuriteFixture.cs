using CovalentBond.Cli.Local;
using Xunit;

namespace CovalentBond.Testing;

/// <summary>
/// One Azurite for all the tests of an assembly; each test gets its own containers and table. Each test
/// assembly declares the collection (xunit looks for it in the test assembly itself).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    public AzuriteServer Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>The content account (and, unless a test names <see cref="SiteConnectionString"/>, the site's container too).</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <summary>A blob service of its own for the static website, as deployed (<c>SiteStorage</c>).</summary>
    public string SiteConnectionString => Server.SiteConnectionString!;

    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync(RepositoryPaths.Root, siteAccount: true);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
