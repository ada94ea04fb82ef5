using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Queues;

/// <summary>
/// Works through the <c>republish</c> queue in this process, as the Functions queue trigger does across
/// instances: for the CLI (<c>covalent republish</c> against storage with no Functions running). A
/// message whose batch fails stays on the queue and comes back after its visibility timeout.
/// </summary>
public sealed class RepublishQueueWorker(StorageProvisioner storage, SiteRepublisher republisher, RepublishOptions options)
{
    /// <summary>How long a received message stays hidden from other workers while its batch runs.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Handles messages until the job is finished; reports progress after every batch.</summary>
    public async Task<RepublishStatus> RunUntilFinishedAsync(string jobId, IProgress<RepublishStatus>? progress, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        while (true)
        {
            var status = await republisher.StatusAsync(jobId, cancellationToken)
                ?? throw new InvalidOperationException($"There is no republish job '{jobId}'.");
            progress?.Report(status);
            if (status.IsFinished)
            {
                return status;
            }

            // A few at a time, so that workers share the last batches of a job instead of one holding many.
            var messages = (await storage.RepublishQueue.ReceiveMessagesAsync(4, VisibilityTimeout, cancellationToken)).Value;
            if (messages.Length == 0)
            {
                // Batches of this job may be in another worker's hands, or waiting out a retry.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                continue;
            }

            foreach (var message in messages)
            {
                try
                {
                    var batch = QueueRepublishDispatcher.Deserialize(message.Body.ToString());
                    await republisher.ProcessAsync(batch, message.DequeueCount, cancellationToken);
                    await storage.RepublishQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                catch (FormatException)
                {
                    await storage.RepublishQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && message.DequeueCount < options.MaxAttempts)
                {
                    // Recorded on the batch; the message comes back for another attempt.
                }
            }
        }
    }
}
