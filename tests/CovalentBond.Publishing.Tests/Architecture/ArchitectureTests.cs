using CovalentBond.Publishing.Pipeline;

namespace CovalentBond.Publishing.Tests.Architecture;

/// <summary>The rules of the house that the compiler does not check: read from the compiled core.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Core = typeof(PostPublisher).Assembly;

    [Fact]
    public void The_core_references_no_Azure_SDK_and_no_host()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Azure", StringComparison.Ordinal) || r.StartsWith("Microsoft.Azure", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("CovalentBond.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ports_use_no_adapter_use_case_or_host_of_the_core()
    {
        var graph = TypeDependencies.NamespaceGraph(Core, "CovalentBond.Publishing");
        var ports = graph.GetValueOrDefault("CovalentBond.Publishing.Ports") ?? [];

        Assert.DoesNotContain("CovalentBond.Publishing.Pipeline", ports);
        Assert.DoesNotContain("CovalentBond.Publishing.Memory", ports);
        Assert.DoesNotContain("CovalentBond.Publishing.Hosting", ports);
        Assert.DoesNotContain("CovalentBond.Publishing.Build", ports);
    }

    /// <summary>
    /// No namespace of the core may join a cycle that is not already known. The known ones are issue 27's to
    /// break; each one broken comes off this list (the test fails while a broken one is still listed, so the list
    /// stays true), and the test is done when the list is empty.
    /// </summary>
    [Fact]
    public void No_namespace_cycle_beyond_the_known_ones()
    {
        var graph = TypeDependencies.NamespaceGraph(Core, "CovalentBond.Publishing");
        var groups = TypeDependencies.Cycles(graph).Select(group => string.Join(" ", group.Select(Short))).ToList();
        var mutual = graph
            .SelectMany(from => from.Value.Where(to => string.CompareOrdinal(from.Key, to) < 0 && graph.GetValueOrDefault(to)?.Contains(from.Key) == true)
                .Select(to => $"{Short(from.Key)}<->{Short(to)}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(KnownMutual, mutual);
        Assert.Equal(KnownGroups, groups);
    }

    private static string Short(string ns) => ns == "CovalentBond.Publishing" ? "(root)" : ns["CovalentBond.Publishing.".Length..];

    /// <summary>Namespaces that use each other directly.</summary>
    private static readonly List<string> KnownMutual =
    [
        "Build<->Pipeline",
        "Media<->Pages",
        "Media<->Pipeline",
        "Media<->Ports",
        "Media<->Posts",
        "Media<->Rendering",
        "Ownership<->Pages",
        "Ownership<->Posts",
        "Pages<->Posts",
        "Pages<->Rendering",
        "Pages<->Site",
        "Rendering<->Shortcodes",
    ];

    /// <summary>Namespaces that reach each other, directly or through others.</summary>
    private static readonly List<string> KnownGroups =
    [
        "Build Feeds Index Media Memory Ownership Pages Pipeline Ports Posts Rendering Shortcodes Site Sitemaps",
    ];
}
