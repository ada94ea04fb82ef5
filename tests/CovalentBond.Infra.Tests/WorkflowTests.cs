using CovalentBond.Testing;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Infra.Tests;

/// <summary>The deployment workflow runs the tests first, then deploys in the order Flex Consumption needs.</summary>
public sealed class WorkflowTests
{
    private static YamlMappingNode Workflow()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RepositoryPaths.Combine(".github", "workflows", "deploy.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static List<string> Runs(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>()
            .Select(step => step.Children.TryGetValue("run", out var run) ? run.ToString() : step.Children.TryGetValue("uses", out var uses) ? "uses " + uses : "")
            .ToList();

    [Fact]
    public void The_test_job_runs_the_READMEs_test_command()
    {
        var jobs = (YamlMappingNode)Workflow()["jobs"];
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

        Assert.Contains("bash scripts/test.sh", readme, StringComparison.Ordinal);
        Assert.Contains(Runs((YamlMappingNode)jobs["test"]), run => run.Trim() == "bash scripts/test.sh");
    }

    [Fact]
    public void Deploy_waits_for_the_tests_and_subscribes_Event_Grid_only_after_the_code_is_deployed()
    {
        var deploy = (YamlMappingNode)((YamlMappingNode)Workflow()["jobs"])["deploy"];
        Assert.Equal("test", deploy["needs"].ToString());

        var runs = Runs(deploy);
        int IndexOf(string text) => runs.FindIndex(r => r.Contains(text, StringComparison.Ordinal));
        var infra = IndexOf("az deployment group create");
        var website = IndexOf("--static-website");
        var code = IndexOf("az functionapp deployment source config-zip");
        var events = IndexOf("az eventgrid system-topic event-subscription create");

        Assert.All(new[] { infra, website, code, events }, i => Assert.True(i >= 0));
        Assert.True(infra < website && website < code && code < events, string.Join(" | ", runs));
        Assert.Contains("infra/main.bicep", runs[infra], StringComparison.Ordinal);
        Assert.Contains("functionName=Host.Functions.PublishPostFromBlob", runs[events], StringComparison.Ordinal);
    }
}
