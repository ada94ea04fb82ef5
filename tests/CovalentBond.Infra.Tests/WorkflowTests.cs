using CovalentBond.Testing;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Infra.Tests;

/// <summary>The deployment workflow runs the tests first, then deploys in the order Flex Consumption needs.</summary>
[Trait("Category", "Tools")] // the Bicep compiler (restored with the project) or a shell
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
        var code = IndexOf("az functionapp deployment source config-zip");
        var events = IndexOf("az eventgrid system-topic event-subscription create");

        Assert.All(new[] { infra, code, events }, i => Assert.True(i >= 0));
        Assert.True(infra < code && code < events, string.Join(" | ", runs));
        Assert.Contains("infra/main.bicep", runs[infra], StringComparison.Ordinal);
        Assert.Contains("functionName=Host.Functions.PublishPostFromBlob", runs[events], StringComparison.Ordinal);

        // The key is waited for with a bound, not read once; the static website is the template's, not a step.
        Assert.Contains("infra/scripts/blobs-extension-key.sh", runs[events], StringComparison.Ordinal);
        Assert.DoesNotContain("az functionapp keys list", runs[events], StringComparison.Ordinal);
        Assert.Equal(-1, IndexOf("--static-website"));
    }

    /// <summary>Runs the key script with a stand-in <c>az</c> that answers an empty key <paramref name="emptyAnswers"/> times first.</summary>
    private static async Task<ExternalTool.Result> WaitForKeyAsync(int emptyAnswers, int attempts)
    {
        var bin = Directory.CreateTempSubdirectory("fake-az-").FullName;
        var calls = Path.Combine(bin, "calls");
        var az = Path.Combine(bin, "az");
        await File.WriteAllTextAsync(az, $$"""
            #!/usr/bin/env bash
            echo "$*" >> "{{calls}}"
            n=$(wc -l < "{{calls}}")
            if [ "$n" -gt {{emptyAnswers}} ]; then echo "the-key"; else echo ""; fi
            """);
        await ExternalTool.RunAsync("chmod", ["+x", az]);
        try
        {
            return await ExternalTool.RunAsync("/usr/bin/env", [
                $"PATH={bin}:{Environment.GetEnvironmentVariable("PATH")}", $"KEY_ATTEMPTS={attempts}", "KEY_DELAY_SECONDS=0",
                "bash", RepositoryPaths.Combine("infra", "scripts", "blobs-extension-key.sh"), "covalent-prod", "covalent-fn-abc"]);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public async Task The_key_read_is_retried_until_the_key_appears()
    {
        var result = await WaitForKeyAsync(emptyAnswers: 3, attempts: 10);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("the-key", result.Output.Trim());
        Assert.Contains("attempt 3 of 10", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_read_gives_up_after_its_bound_with_a_message_that_says_what_to_check()
    {
        var result = await WaitForKeyAsync(emptyAnswers: 100, attempts: 4);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output.Trim());
        Assert.Contains("did not appear after 4 attempts", result.Error, StringComparison.Ordinal);
        Assert.Contains("role assignments may still be propagating", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_event_subscription_lets_every_post_and_picture_through_to_the_trigger()
    {
        // A suffix filter of .md kept pictures and .markdown posts from ever reaching the blob trigger (issue 26, finding 6).
        var deploy = (YamlMappingNode)((YamlMappingNode)Workflow()["jobs"])["deploy"];
        var subscribe = Assert.Single(Runs(deploy), r => r.Contains("event-subscription create", StringComparison.Ordinal));
        Assert.Contains("--subject-begins-with /blobServices/default/containers/posts/", subscribe, StringComparison.Ordinal);
        Assert.DoesNotContain("--subject-ends-with", subscribe, StringComparison.Ordinal);
        Assert.DoesNotContain("--subject-ends-with .md", File.ReadAllText(RepositoryPaths.Combine("docs", "deploy.md")), StringComparison.Ordinal);
    }
}
