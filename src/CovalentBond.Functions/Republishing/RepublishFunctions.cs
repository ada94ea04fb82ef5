using CovalentBond.Functions.Http;
using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Republishing;

/// <summary>
/// The full republish: started on demand (<c>POST /api/site/republish</c>, the Admin role) or by the change
/// watcher (timer <c>RepublishCheckCron</c>) when the theme or settings changed; its batches handled from
/// the <c>republish</c> queue across instances; its progress at <c>GET /api/site/republish/{jobId?}</c>.
/// </summary>
public sealed partial class RepublishFunctions(SiteRepublisher republisher, SiteChangeWatcher watcher, AuditRecorder audit, ILogger<RepublishFunctions> logger)
{
    [Function("StartRepublish")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "site/republish")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = request.Caller();
        var job = await republisher.StartAsync($"requested over HTTP by {caller.Name}", cancellationToken);
        await audit.RecordAsync(caller, "republish", "started", null, detail: $"job {job.JobId}", cancellationToken: cancellationToken);
        request.HttpContext.Response.Headers.Location = $"/api/site/republish/{job.JobId}";
        return HttpResults.Ok(RepublishReport.Of(job), StatusCodes.Status202Accepted);
    }

    [Function("RepublishStatus")]
    public async Task<IActionResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "site/republish/{jobId?}")] HttpRequest request,
        string? jobId,
        CancellationToken cancellationToken)
    {
        var status = await republisher.StatusAsync(jobId, cancellationToken);
        return status is null
            ? HttpResults.Problem(404, "No such republish", jobId is null ? "The site has not been republished yet." : $"There is no republish job '{jobId}'.")
            : HttpResults.Ok(RepublishReport.Of(status));
    }

    [Function("RepublishBatch")]
    public async Task RunBatchAsync(
        [QueueTrigger(StorageOptions.DefaultRepublishQueue, Connection = StorageOptions.ConnectionName)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        BatchMessage batch;
        try
        {
            batch = QueueRepublishDispatcher.Deserialize(message);
        }
        catch (FormatException ex)
        {
            LogUnreadable(logger, ex.Message);
            return;
        }

        await republisher.ProcessAsync(batch, dequeueCount, cancellationToken);
    }

    [Function("CheckSiteChanges")]
    public async Task CheckAsync([TimerTrigger("%RepublishCheckCron%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (await watcher.CheckAsync(cancellationToken) is { } job)
        {
            LogStarted(logger, job.JobId, job.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped an unreadable republish message: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Republish {JobId} started: {Reason}")]
    private static partial void LogStarted(ILogger logger, string jobId, string reason);
}
