using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CovalentBond.Testing.Faults;

/// <summary>
/// An Azure.Core pipeline policy that fails a chosen share of storage requests, as a flaky network and
/// a busy storage account do: a 503 answer (the request never ran), a connection dropped before the
/// request was sent, or a connection dropped after the storage ran it (the answer is lost; the work is
/// done). Placed per retry, so the SDK's own retries see the faults as they would see real ones.
/// </summary>
public sealed class FaultInjectionPolicy(int seed, double rate) : HttpPipelinePolicy
{
    private readonly Random random = new(seed);
    private long requests;
    private long unavailable;
    private long droppedBefore;
    private long lostAfter;

    /// <summary>While false, every request passes untouched.</summary>
    public bool Enabled { get; set; }

    public long Requests => Interlocked.Read(ref requests);

    public long Unavailable => Interlocked.Read(ref unavailable);

    public long DroppedBeforeSending => Interlocked.Read(ref droppedBefore);

    public long LostAfterRunning => Interlocked.Read(ref lostAfter);

    public long Injected => Unavailable + DroppedBeforeSending + LostAfterRunning;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var fault = Roll();
        if (Inject(message, fault, ranAlready: false))
        {
            return;
        }

        ProcessNext(message, pipeline);
        Inject(message, fault, ranAlready: true);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var fault = Roll();
        if (Inject(message, fault, ranAlready: false))
        {
            return;
        }

        await ProcessNextAsync(message, pipeline);
        Inject(message, fault, ranAlready: true);
    }

    private enum Fault
    {
        None,
        Unavailable,
        DroppedBeforeSending,
        LostAfterRunning,
    }

    private Fault Roll()
    {
        if (!Enabled)
        {
            return Fault.None;
        }

        Interlocked.Increment(ref requests);
        double roll;
        lock (random)
        {
            roll = random.NextDouble();
        }

        return roll >= rate ? Fault.None : (int)(roll / rate * 3) switch
        {
            0 => Fault.Unavailable,
            1 => Fault.DroppedBeforeSending,
            _ => Fault.LostAfterRunning,
        };
    }

    /// <summary>Applies the fault at its moment; true when the request must not be sent.</summary>
    private bool Inject(HttpMessage message, Fault fault, bool ranAlready)
    {
        switch (fault, ranAlready)
        {
            case (Fault.Unavailable, false):
                Interlocked.Increment(ref unavailable);
                message.Response = new ServiceUnavailable(message.Request.ClientRequestId);
                return true;
            case (Fault.DroppedBeforeSending, false):
                Interlocked.Increment(ref droppedBefore);
                throw new IOException("Injected fault: the connection was dropped before the request was sent.");
            case (Fault.LostAfterRunning, true):
                Interlocked.Increment(ref lostAfter);
                throw new IOException("Injected fault: the connection was dropped after the storage ran the request; its answer is lost.");
            default:
                return false;
        }
    }

    /// <summary>A bare 503 answer with no body, as a busy storage front end gives.</summary>
    private sealed class ServiceUnavailable(string clientRequestId) : Response
    {
        public override int Status => 503;

        public override string ReasonPhrase => "Service Unavailable (injected)";

        // The transport sets this on real answers; the retry policy only retries answers marked as errors.
        public override bool IsError => true;

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
