using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CovalentBond.Bench;

/// <summary>Times every storage request by kind, to show where publish time goes as the site grows.</summary>
internal sealed class StorageTimer : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, (long Count, double Ms)> totals = new();

    public int TablePort { get; set; }

    public bool Enabled { get; set; }

    public IReadOnlyDictionary<string, (long Count, double Ms)> Totals => totals;

    // The theme is loaded with synchronous calls once, before anything is measured.
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var watch = Stopwatch.StartNew();
        await ProcessNextAsync(message, pipeline);
        watch.Stop();
        if (!Enabled)
        {
            return;
        }

        var uri = message.Request.Uri.ToUri();
        var kind = uri.Port == TablePort
            ? message.Request.Method.Equals(RequestMethod.Get)
                ? uri.Query.Contains("$filter", StringComparison.Ordinal) ? "table query" : "table point read"
                : uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) ? "table transaction" : "table write"
            : message.Request.Method.Equals(RequestMethod.Head) ? "blob properties" : message.Request.Method.Equals(RequestMethod.Put) ? "blob write/lease" : "blob other";
        totals.AddOrUpdate(kind, (1, watch.Elapsed.TotalMilliseconds), (_, t) => (t.Count + 1, t.Ms + watch.Elapsed.TotalMilliseconds));
    }
}
