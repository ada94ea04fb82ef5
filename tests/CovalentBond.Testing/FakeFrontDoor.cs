using System.Net;
using System.Text.Json;

namespace CovalentBond.Testing;

/// <summary>
/// A stand-in for Azure Resource Manager's Front Door purge on a loopback port (<see cref="LoopbackEndpoint"/>): it records
/// every call (method, path and query, bearer token, the addresses asked for) and answers 202, or the statuses a test queues.
/// </summary>
public sealed class FakeFrontDoor : IAsyncDisposable
{
    private readonly LoopbackEndpoint endpoint = new();

    /// <summary>One request as it arrived.</summary>
    public sealed record PurgeCall(string Method, string PathAndQuery, string? Authorization, IReadOnlyList<string> ContentPaths);

    public Uri Url => endpoint.Url;

    public IReadOnlyList<PurgeCall> Calls => endpoint.Requests.Select(r => new PurgeCall(r.Method, r.PathAndQuery, r.Headers.GetValueOrDefault("Authorization"), PathsOf(r.Body))).ToList();

    /// <summary>The next requests are answered with these statuses, in order; then 202 again.</summary>
    public void Answer(params HttpStatusCode[] statuses) => endpoint.Answer([.. statuses.Select(s => (HttpStatusCode?)s)]);

    private static List<string> PathsOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("contentPaths").EnumerateArray().Select(p => p.GetString()!).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return []; // recorded with no paths: a test asserts on what arrived
        }
    }

    public ValueTask DisposeAsync() => endpoint.DisposeAsync();
}
