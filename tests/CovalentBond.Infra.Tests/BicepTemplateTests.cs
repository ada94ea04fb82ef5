using CovalentBond.Testing;

namespace CovalentBond.Infra.Tests;

/// <summary>Every template compiles and passes the linter (with infra/bicepconfig.json's stricter rules) with no diagnostic at all.</summary>
[Trait("Category", "Tools")] // the Bicep compiler (restored with the project) or a shell
public sealed class BicepTemplateTests
{
    public static TheoryData<string> Templates() => new(Bicep.Templates().Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)));

    [Fact]
    public void The_infrastructure_has_a_main_template_and_parameters()
    {
        var names = Bicep.Templates().Select(Path.GetFileName).ToList();
        Assert.Contains("main.bicep", names);
        Assert.Contains("main.bicepparam", names);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Compiles_with_no_warnings(string template)
    {
        var command = template.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var result = await Bicep.RunAsync(command, RepositoryPaths.Combine(template), "--stdout");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(result.Error.Trim().Length == 0, $"bicep {command} {template} reported:\n{result.Error}");
        Assert.Contains("$schema", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Lints_clean(string template)
    {
        var result = await Bicep.RunAsync("lint", RepositoryPaths.Combine(template));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True((result.Output + result.Error).Trim().Length == 0, $"bicep lint {template} reported:\n{result.Output}{result.Error}");
    }
}
