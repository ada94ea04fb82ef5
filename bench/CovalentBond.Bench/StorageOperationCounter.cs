using Azure.Core;
using Azure.Core.Pipeline;

namespace CovalentBond.Bench;

/// <summary>Counts every request the Azure SDK sends, by service and kind, so a benchmark can report storage operations.</summary>
internal sealed class StorageOperationCounter : HttpPipelineSynchronousPolicy
{
    private long blobWrites;
    private long blobReads;
    private long tableWrites;
    private long tableReads;
    private long queueRequests;

    public (long BlobWrites, long BlobReads, long TableWrites, long TableReads) Snapshot() =>
        (Interlocked.Read(ref blobWrites), Interlocked.Read(ref blobReads), Interlocked.Read(ref tableWrites), Interlocked.Read(ref tableReads));

    /// <summary>Every request so far, of every service (queue requests included).</summary>
    public long Total => Interlocked.Read(ref blobWrites) + Interlocked.Read(ref blobReads) + Interlocked.Read(ref tableWrites) + Interlocked.Read(ref tableReads) + Interlocked.Read(ref queueRequests);

    public long QueueRequests => Interlocked.Read(ref queueRequests);

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var isTable = uri.Host.Contains(".table.", StringComparison.OrdinalIgnoreCase) || uri.Port == TablePort;
        var isWrite = !request.Method.Equals(RequestMethod.Get) && !request.Method.Equals(RequestMethod.Head);

        // A lease request (PUT ?comp=lease) is a write to the service but not a write of site content.
        var isLease = uri.Query.Contains("comp=lease", StringComparison.Ordinal);
        if (Kinds is not null)
        {
            message.SetProperty(typeof(StorageOperationCounter), (Kind(uri, request.Method, isTable), System.Diagnostics.Stopwatch.GetTimestamp()));
        }

        if (uri.Host.Contains(".queue.", StringComparison.OrdinalIgnoreCase) || (QueuePort != 0 && uri.Port == QueuePort))
        {
            Interlocked.Increment(ref queueRequests);
        }
        else if (isTable)
        {
            Interlocked.Increment(ref isWrite ? ref tableWrites : ref tableReads);
        }
        else if (isWrite && !isLease && uri.AbsolutePath.Contains("/$web", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref blobWrites);
        }
        else
        {
            Interlocked.Increment(ref blobReads);
        }
    }

    /// <summary>Requests by kind (method, table and partition, or blob operation): how many and their milliseconds (only when set: <c>REPUBLISH_REQUESTS=1</c>).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (long Count, double Ms)>? Kinds { get; set; }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (Kinds is not null && message.TryGetProperty(typeof(StorageOperationCounter), out var value) && value is (string kind, long started))
        {
            var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Kinds.AddOrUpdate(kind, (1, ms), (_, k) => (k.Count + 1, k.Ms + ms));
        }
    }

    private string Kind(Uri uri, RequestMethod method, bool isTable)
    {
        if (!isTable)
        {
            var query = uri.Query;
            var operation = query.Contains("comp=list", StringComparison.Ordinal) ? (query.Contains("delimiter", StringComparison.Ordinal) ? "list (delimiter)" : "list")
                : query.Contains("comp=", StringComparison.Ordinal) ? query[(query.IndexOf("comp=", StringComparison.Ordinal) + 5)..].Split('&')[0]
                : "blob";
            var service = QueuePort != 0 && uri.Port == QueuePort ? "queue" : "blob";
            return $"{method} {service} {operation}";
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var table = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "?";
        var cut = table.IndexOf('(', StringComparison.Ordinal);
        var shape = cut < 0 ? table : table[..cut] + (table.Contains("PartitionKey", StringComparison.Ordinal) ? "(point)" : "()");
        var filter = Uri.UnescapeDataString(uri.Query);
        var partition = System.Text.RegularExpressions.Regex.Match(filter, "PartitionKey (eq|ge|lt) '([^']*)'") is { Success: true } m
            ? $" {m.Groups[1].Value} '{(m.Groups[2].Value.StartsWith("month-", StringComparison.Ordinal) ? "month-*" : m.Groups[2].Value.Length > 16 ? "<job>" : m.Groups[2].Value)}'"
            : string.Empty;
        return $"{method} table {shape}{partition}";
    }

    /// <summary>The Azurite table port, to tell table requests from blob ones on loopback.</summary>
    public int TablePort { get; set; }

    /// <summary>The Azurite queue port, to count queue requests apart (0: none are told apart).</summary>
    public int QueuePort { get; set; }
}
