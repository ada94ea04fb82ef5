using System.Text;
using System.Text.RegularExpressions;
using CovalentBond.Cli;
using CovalentBond.Testing;

namespace CovalentBond.Admin.Tests;

/// <summary>
/// <c>covalent dev</c> on the sample site, run in-process as a person runs it (its own Azurite, the local issuer, the
/// editor at <c>/admin</c>), on a <see cref="TestClock"/> the tests move on to bring a schedule's time.
/// </summary>
public sealed partial class DevSite : IAsyncLifetime, IDisposable
{
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly TextWriter outputWriter;
    private readonly TextWriter errorWriter;
    private readonly CancellationTokenSource stop = new();
    private Task<int>? run;

    public DevSite()
    {
        outputWriter = TextWriter.Synchronized(new StringWriter(output));
        errorWriter = TextWriter.Synchronized(new StringWriter(error));
    }

    public TestClock Clock { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>The local issuer's address (tokens for the API by role: <c>/local/token?role=…</c>).</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>What it printed so far (the synchronized writer's own lock guards the text).</summary>
    public string Output { get { lock (outputWriter) { return output.ToString(); } } }

    [GeneratedRegex(@"The site is ready: (?<url>http://localhost:\d+/)")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"curl -s '(?<issuer>http://127\.0\.0\.1:\d+)/local/token")]
    private static partial Regex IssuerLine();

    public async Task InitializeAsync()
    {
        if (!File.Exists(RepositoryPaths.Combine("src", "CovalentBond.Admin", "dist", "index.html")))
        {
            throw new InvalidOperationException("The editor is not built: scripts/test.sh builds it (node src/CovalentBond.Admin/build.mjs).");
        }

        run = CliApp.RunAsync(
            ["dev", RepositoryPaths.Combine("samples", "posts"), "--site", RepositoryPaths.Combine("samples", "site.json"), "--port", "0"],
            outputWriter, errorWriter, Clock, stop.Token);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        Match ready;
        while (!(ready = ReadyLine().Match(Output)).Success)
        {
            if (run.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"covalent dev did not start: {Output}{Errors}");
            }

            await Task.Delay(100);
        }

        Url = new Uri(ready.Groups["url"].Value);
        Issuer = new Uri(IssuerLine().Match(Output).Groups["issuer"].Value);
    }

    /// <summary>A token for the API as the local person of <paramref name="role"/> (what a script would use).</summary>
    public async Task<string> TokenAsync(string role)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(Issuer, $"/local/token?role={role}"));
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run;
        }
    }

    public void Dispose() => stop.Dispose();

    private string Errors { get { lock (errorWriter) { return error.ToString(); } } }
}

/// <summary>The system's time moved on by however much a test says: a schedule's time comes without waiting for it.</summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
