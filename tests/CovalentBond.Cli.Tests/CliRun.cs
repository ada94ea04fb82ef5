using System.Text;
using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal sealed class CliRun
{
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    public CliRun()
    {
        Output = TextWriter.Synchronized(new StringWriter(output));
        Error = TextWriter.Synchronized(new StringWriter(error));
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public string OutputText { get { lock (Output) { return output.ToString(); } } }

    public string ErrorText { get { lock (Error) { return error.ToString(); } } }

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        CliApp.RunAsync(args, Output, Error, cancellationToken);

    /// <summary>A site settings file for a test: the Azurite connection and containers of its own.</summary>
    public static string SiteFile(string connectionString, IDictionary<string, string?>? extra = null)
    {
        var settings = TestSite.Settings(connectionString);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return SiteFile(settings);
    }

    /// <summary>A site settings file holding <paramref name="settings"/> (a test may open the same site with <see cref="TestSite"/>).</summary>
    public static string SiteFile(IDictionary<string, string?> settings)
    {
        // Nest "A:B" keys into JSON objects, the shape of site.json.
        var root = new Dictionary<string, object?>();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child) || child is not Dictionary<string, object?> dict)
                {
                    dict = [];
                    node[parts[i]] = dict;
                }

                node = dict;
            }

            node[parts[^1]] = value;
        }

        var path = Path.Combine(Path.GetTempPath(), $"site-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(root));
        return path;
    }
}
