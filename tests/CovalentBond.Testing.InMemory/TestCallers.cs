using CovalentBond.Publishing.Identity;

namespace CovalentBond.Testing.InMemory;

/// <summary>The callers of the tests that drive the use cases directly (the API's tests get theirs from real tokens).</summary>
public static class TestCallers
{
    /// <summary>An Editor: may change every post. What the pipeline's tests act as.</summary>
    public static Caller Editor { get; } = Person("editor-oid", "Edda Editor", Role.Editor);

    public static Caller Person(string id, string name, params Role[] roles) => new(id, name, roles.ToHashSet(), CallerKind.Person);
}
