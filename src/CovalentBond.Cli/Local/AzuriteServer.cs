using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CovalentBond.Cli.Local;

/// <summary>
/// A private Azurite (blob, queue and table) on free loopback ports with in-memory persistence, started
/// from the repository's pinned npm package and stopped on dispose. Tests never depend on an emulator
/// that happens to be running. Each service runs in its own Node process (the package's
/// <c>azurite-blob</c>, <c>azurite-queue</c> and <c>azurite-table</c> entry points), as the services are
/// separate on Azure: one Node thread serving all three made page uploads wait behind table queries
/// (docs/performance.md#full-republish). <c>AZURITE_ONE_PROCESS=1</c> starts the single combined process instead.
/// Started with a site account, a second blob service holds the static website, as its own storage account does on Azure.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; it only exists inside the emulator.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly List<Process> processes = [];
    private readonly string location;

    private AzuriteServer(string location, int blobPort, int queuePort, int tablePort)
    {
        this.location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    /// <summary>The CPU time the emulator's processes have used so far (for benchmarks).</summary>
    public TimeSpan ProcessorTime => ProcessorTimes.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);

    /// <summary>The CPU time of each process so far: blob, queue and table, or the one combined process; then the site's blob service, if started.</summary>
    public IReadOnlyList<TimeSpan> ProcessorTimes
    {
        get
        {
            foreach (var process in processes)
            {
                process.Refresh();
            }

            return processes.Select(p => p.TotalProcessorTime).ToList();
        }
    }

    public int QueuePort { get; }

    /// <summary>The blob service of the site's own account, when started with one; 0 otherwise.</summary>
    public int SiteBlobPort { get; private set; }

    /// <summary>The static website's own account (a blob service of its own), or null when started without one.</summary>
    public string? SiteConnectionString => SiteBlobPort == 0
        ? null
        : $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{SiteBlobPort}/{AccountName};";

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts Azurite and waits until all three services (and the site's blob service, if asked for) accept connections.</summary>
    /// <param name="siteAccount">Also start a second blob service for the static website's own account (<see cref="SiteConnectionString"/>).</param>
    public static async Task<AzuriteServer> StartAsync(string repositoryRoot, bool inMemory = true, string? location = null, bool siteAccount = false, CancellationToken cancellationToken = default)
    {
        // Another process may take a port between its choice and Azurite's bind (parallel test lanes start emulators
        // and local endpoints too): then the start is tried again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(repositoryRoot, inMemory, location, siteAccount, cancellationToken);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }
    }

    private static async Task<AzuriteServer> StartOnceAsync(string repositoryRoot, bool inMemory, string? location, bool siteAccount, CancellationToken cancellationToken)
    {
        var dist = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src");
        if (!File.Exists(Path.Combine(dist, "azurite.js")))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({Path.Combine(dist, "azurite.js")} is missing). Run 'npm ci' in {repositoryRoot} first.");
        }

        location ??= Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        // All the ports at once, each held until the last is chosen: one released early could be handed out again (it was:
        // the site's blob service was given the queue's port before the queue listened, and Azurite stopped).
        var ports = FreePorts(siteAccount ? 4 : 3);
        var (blob, queue, table) = (ports[0], ports[1], ports[2]);
        var server = new AzuriteServer(location, blob, queue, table);

        // If this process ends without disposing the server, do not leave the emulator running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();

        var services = new (string Name, int Port)[] { ("blob", blob), ("queue", queue), ("table", table) };
        var launches = Environment.GetEnvironmentVariable("AZURITE_ONE_PROCESS") == "1"
            ? [(Path.Combine(dist, "azurite.js"), services)]
            : services.Select(s => (Path.Combine(dist, s.Name, "main.js"), new[] { s })).ToArray();
        var output = new StringBuilder();
        foreach (var (script, served) in launches)
        {
            server.processes.Add(Launch(script, served, inMemory, location, output));
        }

        if (siteAccount)
        {
            server.SiteBlobPort = ports[3];
            var siteLocation = Path.Combine(location, "site");
            Directory.CreateDirectory(siteLocation);
            server.processes.Add(Launch(Path.Combine(dist, "blob", "main.js"), [("blob", server.SiteBlobPort)], inMemory, siteLocation, output));
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await Listening(blob) && await Listening(queue) && await Listening(table) && (!siteAccount || await Listening(server.SiteBlobPort))))
        {
            var ended = server.processes.FirstOrDefault(p => p.HasExited);
            if (ended is not null || DateTime.UtcNow > deadline)
            {
                if (ended is not null)
                {
                    await ended.WaitForExitAsync(cancellationToken); // flushes the output readers
                }

                var exit = ended is not null ? ended.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running after 60 s";
                await server.DisposeAsync();
                string log;
                lock (output) { log = output.ToString(); }
                throw new InvalidOperationException($"Azurite did not start (exit: {exit}). Output:\n{log}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return server;
    }

    private static Process Launch(string script, (string Name, int Port)[] services, bool inMemory, string location, StringBuilder output)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // No telemetry leaves a developer's machine or CI: Azurite collects it unless told not to (it also costs
        // about 8% of the emulator's time per request, measured by perf during the republish benchmark).
        foreach (var arg in new[] { script, "--skipApiVersionCheck", "--silent", "--disableTelemetry" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, port) in services)
        {
            start.ArgumentList.Add($"--{name}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{name}Port");
            start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Azurite refuses --location together with --inMemoryPersistence. The services keep their files apart
        // in one folder, as the combined process does.
        if (inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Kill()
    {
        foreach (var process in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone or disposed.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    /// <summary><paramref name="count"/> distinct free loopback ports: each is held while the next is chosen.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static async Task<bool> Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
