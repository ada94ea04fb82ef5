using Azure.Core;
using Azure.Core.Pipeline;
using CovalentBond.Publishing.Telemetry;

namespace CovalentBond.Storage.Hosting;

/// <summary>
/// Counts every request to the content account (each attempt, retries included) into the
/// <c>covalent.storage.requests</c> metric and onto the span of the publish or batch it serves.
/// </summary>
internal sealed class StorageRequestTelemetry(string service) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Count(message);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Count(message);
        }
    }

    private void Count(HttpMessage message) =>
        PublishingTelemetry.StorageRequest(service, message.Request.Method.Method, message.HasResponse ? message.Response.Status : 0);
}
