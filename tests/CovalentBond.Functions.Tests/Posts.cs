namespace CovalentBond.Functions.Tests;

/// <summary>Sample uploads in the style of the site's real articles.</summary>
internal static class Posts
{
    public const string Istanbul = """
        ---
        title: "Diplomatic farce: Istanbul talks reach deadlock"
        date: 2025-05-20
        author: Michael K.
        subtitle: Despite calls with Putin, Zelensky and EU leaders, there is no agreement.
        tags: [Ukraine, Russia, Türkiye]
        ---
        On May 20, 2025, negotiations between Russia and Ukraine once again reached a dead end.
        """;

    public const string PeacePause = """
        ---
        title: Peace Pause on Hold
        date: 2025-05-17
        author: Michael K.
        subtitle: The "1000 for 1000" exchange remained a symbolic gesture.
        tags: [Ukraine, Russia]
        ---
        No real breakthrough had occurred.
        """;

    public const string NoTitle = """
        ---
        date: 2025-05-20
        author: Michael K.
        ---
        A post without a title.
        """;
}
