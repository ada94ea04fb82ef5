using System.Net;
using CovalentBond.Publishing.Webhooks;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Webhooks;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>
/// Webhooks on the site's storage: a publish queues a delivery in the storage queue, the worker sends it to a real
/// receiver, <c>covalent webhooks log</c> lists the attempts from the table, and <c>covalent webhooks replay</c> sends a
/// logged delivery again.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_published_post_is_delivered_from_the_queue_listed_in_the_log_and_replayed_on_demand()
    {
        await using var receiver = new LoopbackEndpoint(HttpStatusCode.OK);
        var settings = TestSite.Settings(azurite.ConnectionString);
        settings["Webhooks:Subscriptions:0:Id"] = "partner";
        settings["Webhooks:Subscriptions:0:Url"] = receiver.Url + "hook";
        settings["Webhooks:Subscriptions:0:Secret"] = "a-partners-secret-of-some-length";
        var siteFile = CliRun.SiteFile(settings);
        var folder = Directory.CreateTempSubdirectory("covalent-webhooks-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "deal.md"), "---\ntitle: The deal\ndate: 2025-05-17\ntags: [Trade]\n---\nbody");
        Assert.Equal(0, await new CliRun().RunAsync(["publish", folder, "--site", siteFile]));

        await using var site = await TestSite.CreateAsync(azurite.ConnectionString, settings);
        var queue = site.Services.GetRequiredService<StorageProvisioner>().WebhookQueue;
        var deliverer = site.Services.GetRequiredService<WebhookDeliverer>();
        async Task<int> DeliverQueuedAsync()
        {
            var messages = (await queue.ReceiveMessagesAsync(10)).Value;
            foreach (var message in messages)
            {
                await deliverer.DeliverAsync(QueueWebhookOutbox.Deserialize(message.Body.ToString()), CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            return messages.Length;
        }

        Assert.Equal(1, await DeliverQueuedAsync());
        var first = Assert.Single(receiver.Requests);
        Assert.Equal("/hook", first.PathAndQuery);
        Assert.Equal("post.published", first.Headers["X-Covalent-Event"]);
        var deliveryId = first.Headers["X-Covalent-Delivery"];

        var log = new CliRun();
        Assert.Equal(0, await log.RunAsync(["webhooks", "log", "partner", "--site", siteFile]));
        Assert.Matches($@"{deliveryId}\s+post\.published\s+attempt 1\s+delivered 200", log.OutputText);
        Assert.Matches($@"{deliveryId}\s+post\.published\s+attempt 0\s+queued", log.OutputText);

        var replay = new CliRun();
        Assert.Equal(0, await replay.RunAsync(["webhooks", "replay", deliveryId, "--site", siteFile]));
        Assert.Contains("queued post.published for partner again as delivery", replay.OutputText, StringComparison.Ordinal);
        Assert.Equal(1, await DeliverQueuedAsync());
        Assert.Equal(first.Body, receiver.Requests[1].Body);
        Assert.NotEqual(deliveryId, receiver.Requests[1].Headers["X-Covalent-Delivery"]);

        var unknown = new CliRun();
        Assert.Equal(1, await unknown.RunAsync(["webhooks", "replay", "no-such-delivery", "--site", siteFile]));
        Assert.Contains("no subscription's log has the delivery 'no-such-delivery'", unknown.ErrorText, StringComparison.Ordinal);

        // A failed attempt waits in the queue for its back-off: the message is there, and not visible yet.
        receiver.Answer(HttpStatusCode.BadGateway);
        await File.WriteAllTextAsync(Path.Combine(folder, "deal.md"), "---\ntitle: The deal, revised\ndate: 2025-05-17\ntags: [Trade]\n---\nbody");
        Assert.Equal(0, await new CliRun().RunAsync(["publish", folder, "--site", siteFile]));
        Assert.Equal(1, await DeliverQueuedAsync());
        Assert.Equal(0, await DeliverQueuedAsync());
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
