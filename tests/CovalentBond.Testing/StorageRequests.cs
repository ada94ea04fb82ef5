using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CovalentBond.Testing;

/// <summary>
/// Records every request the Azure SDK sends (method and address), for tests that check what an operation costs
/// in storage requests. Add it to the clients' options with <see cref="Clients"/>.
/// </summary>
public sealed class StorageRequests : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Method, Uri Uri)> requests = new();

    public override void OnSendingRequest(HttpMessage message) => requests.Enqueue((message.Request.Method.Method, message.Request.Uri.ToUri()));

    /// <summary>The content account's clients for <paramref name="connectionString"/>, recording into this.</summary>
    public Storage.Hosting.ContentStorageClients Clients(string connectionString) =>
        Storage.Hosting.ContentStorageClients.FromConnectionString(connectionString, options => options.AddPolicy(this, HttpPipelinePosition.PerRetry));

    public int Count => requests.Count;

    /// <summary>The requests so far, and forgets them.</summary>
    public IReadOnlyList<(string Method, Uri Uri)> Take()
    {
        var taken = new List<(string, Uri)>();
        while (requests.TryDequeue(out var request))
        {
            taken.Add(request);
        }

        return taken;
    }

    /// <summary>Whether <paramref name="request"/> reads or writes one blob of <paramref name="container"/> (not a listing of it).</summary>
    public static bool IsBlobOf((string Method, Uri Uri) request, string container) =>
        request.Uri.AbsolutePath.Contains($"/{container}/", StringComparison.Ordinal) && !request.Uri.Query.Contains("comp=list", StringComparison.Ordinal);
}
