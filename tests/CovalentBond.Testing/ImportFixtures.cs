using System.Text;
using System.Text.RegularExpressions;

namespace CovalentBond.Testing;

/// <summary>
/// Sites in the shapes real blogs move in with (tests/fixtures/import): a Jekyll site, a Hugo site, a WordPress
/// export and a Wix blog feed, each imported by the real <c>covalent import</c> into a folder of posts.
/// </summary>
public static partial class ImportFixtures
{
    /// <param name="Name">The fixture's folder.</param>
    /// <param name="Source">What <c>covalent import</c> is given, inside the fixture.</param>
    /// <param name="Permalink">The Site:Permalink the migrated site keeps its addresses with.</param>
    /// <param name="Article">The imported post whose page is kept as golden output (its bundle folder).</param>
    public sealed record Fixture(string Name, string Source, string Permalink, string Article, string[] Options)
    {
        public override string ToString() => Name;
    }

    public static readonly Fixture Jekyll = new("jekyll", ".", "/blog/:year/:month/:day/:slug.html", "2015-11-08-neue-firmware", []);
    public static readonly Fixture Hugo = new("hugo", ".", "/:year/:month/:slug/", "2015-05-03-kyoto-trip", []);
    public static readonly Fixture WordPress = new("wordpress", "export.xml", "/:year/:month/:day/:slug/", "2019-05-21-new-cranes-arrive", ["--uploads", "uploads"]);
    public static readonly Fixture Wix = new("wix", "blog-feed.xml", "/post/:slug/", "2025-06-02-nouvelle-collection-d-ete", []);

    public static readonly IReadOnlyList<Fixture> All = [Jekyll, Hugo, WordPress, Wix];

    public static Fixture Named(string name) => All.Single(f => f.Name == name);

    /// <summary>Copies the fixture into <paramref name="work"/> (a Jekyll draft dated by its file, as Jekyll dates drafts, is given a fixed time) and imports it.</summary>
    /// <returns>The folder of imported posts, and what the command printed.</returns>
    public static async Task<(string Folder, int Exit, string Output)> ImportAsync(Fixture fixture, string work, string? into = null)
    {
        var source = Path.Combine(work, "source");
        if (!Directory.Exists(source))
        {
            Copy(RepositoryPaths.Combine("tests", "fixtures", "import", fixture.Name), source);
            foreach (var draft in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}_drafts{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                File.SetLastWriteTimeUtc(draft, new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc));
            }
        }

        var folder = into ?? Path.Combine(work, "posts");
        var output = new StringWriter();
        var options = fixture.Options.Select(o => o == "uploads" ? Path.Combine(source, o) : o);
        var exit = await Cli.CliApp.RunAsync(["import", Path.Combine(source, fixture.Source), "--out", folder, .. options], output, output);
        return (folder, exit, output.ToString());
    }

    /// <summary>Every imported file: the posts' text whole, the other files by name and size, and the report.</summary>
    /// <param name="report">Whether the import report is part of it (it counts what each run wrote).</param>
    public static string Digest(string folder, bool report = true)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            if (file.StartsWith('.') || (!report && file == "import-report.txt"))
            {
                continue;
            }

            var full = Path.Combine(folder, file);
            text.Append("=== ").Append(file);
            text.Append(file.EndsWith(".md", StringComparison.Ordinal) || file.EndsWith(".txt", StringComparison.Ordinal)
                ? "\n" + File.ReadAllText(full).Replace(folder, "<out>", StringComparison.Ordinal)
                : $" ({new FileInfo(full).Length} bytes)\n");
        }

        return text.ToString();
    }

    /// <summary>Template syntax of the old generators that a reader would see on <paramref name="html"/>, outside code.</summary>
    public static IReadOnlyList<string> Leaks(string html)
    {
        var outsideCode = Code().Replace(html, string.Empty);
        return new[] { "{{<", "{{%", "{%", "{{ site." }.Where(s => outsideCode.Contains(s, StringComparison.Ordinal)).ToList();
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex("<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>", RegexOptions.Singleline)]
    private static partial Regex Code();
}
