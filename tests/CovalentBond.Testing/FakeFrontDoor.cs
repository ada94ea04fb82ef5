using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CovalentBond.Testing;

/// <summary>
/// A stand-in for Azure Resource Manager's Front Door purge on a loopback port: it records every call (method, path and
/// query, bearer token, the addresses asked for) and answers 202, or the statuses a test queues.
/// </summary>
public sealed class FakeFrontDoor : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers = new();
    private readonly ConcurrentQueue<PurgeCall> calls = new();
    private readonly Task loop;

    public FakeFrontDoor()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>One request as it arrived.</summary>
    public sealed record PurgeCall(string Method, string PathAndQuery, string? Authorization, IReadOnlyList<string> ContentPaths);

    public Uri Url { get; }

    public IReadOnlyList<PurgeCall> Calls => [.. calls];

    /// <summary>The next requests are answered with these statuses, in order; then 202 again.</summary>
    public void Answer(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            answers.Enqueue(status);
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var paths = new List<string>();
            try
            {
                using var json = JsonDocument.Parse(body);
                paths.AddRange(json.RootElement.GetProperty("contentPaths").EnumerateArray().Select(p => p.GetString()!));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // Recorded with no paths: a test asserts on what arrived.
            }

            calls.Enqueue(new PurgeCall(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"], paths));
            context.Response.StatusCode = (int)(answers.TryDequeue(out var status) ? status : HttpStatusCode.Accepted);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
