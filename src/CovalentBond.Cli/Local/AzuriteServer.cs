using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CovalentBond.Cli.Local;

/// <summary>
/// A private Azurite (blob, queue and table) on free loopback ports with in-memory persistence, started
/// from the repository's pinned npm package and stopped on dispose. Tests never depend on an emulator
/// that happens to be running.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; it only exists inside the emulator.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string location;

    private AzuriteServer(Process process, string location, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    /// <summary>The CPU time the emulator has used so far (for benchmarks: Azurite is one Node process).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    public static async Task<AzuriteServer> StartAsync(string repositoryRoot, bool inMemory = true, string? location = null, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({script} is missing). Run 'npm ci' in {repositoryRoot} first.");
        }

        location ??= Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            // No telemetry leaves a developer's machine or CI: Azurite collects it unless told not to (it also costs
            // about 8% of the emulator's time per request, measured by perf during the republish benchmark).
            script, "--skipApiVersionCheck", "--silent", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Azurite refuses --location together with --inMemoryPersistence.
        if (inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, location, blob, queue, table);

        // If this process ends without disposing the server, do not leave the emulator running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await Listening(blob) && await Listening(queue) && await Listening(table)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited;
                if (exited)
                {
                    await process.WaitForExitAsync(cancellationToken); // flushes the output readers
                }

                var exit = exited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running after 60 s";
                await server.DisposeAsync();
                string log;
                lock (output) { log = output.ToString(); }
                throw new InvalidOperationException($"Azurite did not start (exit: {exit}). Output:\n{log}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return server;
    }

    private void Kill()
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

    public async ValueTask DisposeAsync()
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
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
