using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CovalentBond.Testing;

/// <summary>
/// A real HTTP endpoint on a loopback port for what the app calls out to (Front Door's purge, a partner's webhook
/// receiver): it records every request (method, path and query, headers, body) and answers 202, or the statuses a test
/// queues, or waits past the caller's timeout when told to.
/// </summary>
public sealed class LoopbackEndpoint : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode?> answers = new();
    private readonly ConcurrentQueue<Recorded> requests = new();
    private readonly Task loop;

    public LoopbackEndpoint(HttpStatusCode defaultAnswer = HttpStatusCode.Accepted)
    {
        DefaultAnswer = defaultAnswer;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/");
        }

        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>One request as it arrived.</summary>
    public sealed record Recorded(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

    public Uri Url { get; }

    public HttpStatusCode DefaultAnswer { get; set; }

    public IReadOnlyList<Recorded> Requests => [.. requests];

    /// <summary>The next requests are answered with these statuses, in order; null leaves a request unanswered for 30 s.</summary>
    public void Answer(params HttpStatusCode?[] statuses)
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        requests.Enqueue(new Recorded(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, body));
        var status = answers.TryDequeue(out var queued) ? queued : DefaultAnswer;
        if (status is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
            status = DefaultAnswer;
        }

        try
        {
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The caller gave up first.
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
