using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests;

/// <summary>The test classes that share this assembly's Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
