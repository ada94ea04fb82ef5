using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Testing;
using CovalentBond.Storage.Hosting;
using CovalentBond.Storage.Queues;
using CovalentBond.Testing.InMemory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Ports;

// The Azure adapters on Azurite pass the same contract suites as the in-memory ones (Publishing.Tests/Ports); each test
// gets a site of its own (containers and tables), removed when it ends.

internal static class AzureAdapter
{
    public static async Task<(TPort, IAsyncDisposable?)> OnAzuriteAsync<TPort>(AzuriteFixture azurite)
        where TPort : class
    {
        var site = await TestSite.CreateAsync(azurite.ConnectionString);
        return (site.Services.GetRequiredService<TPort>(), site);
    }
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BlobSiteStoreContractTests(AzuriteFixture azurite) : SiteStoreContract
{
    protected override Task<(ISiteStore Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<ISiteStore>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BlobSourceStoreContractTests(AzuriteFixture azurite) : SourceStoreContract
{
    protected override Task<(ISourceStore Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<ISourceStore>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TableSourceCacheContractTests(AzuriteFixture azurite) : SourceCacheContract
{
    protected override Task<(ISourceCache Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<ISourceCache>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TablePostIndexContractTests(AzuriteFixture azurite) : PostIndexContract
{
    protected override Task<(IPostIndex Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IPostIndex>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TableMediaIndexContractTests(AzuriteFixture azurite) : MediaIndexContract
{
    protected override Task<(IMediaIndex Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IMediaIndex>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TableAliasClaimsContractTests(AzuriteFixture azurite) : AliasClaimsContract
{
    protected override Task<(IAliasClaims Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IAliasClaims>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TableRepublishJobStoreContractTests(AzuriteFixture azurite) : RepublishJobStoreContract
{
    protected override Task<(IRepublishJobStore Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IRepublishJobStore>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class AppendBlobAuditTrailContractTests(AzuriteFixture azurite) : AuditTrailContract
{
    protected override Task<(IAuditTrail Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IAuditTrail>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BlobRevisionStoreContractTests(AzuriteFixture azurite) : RevisionStoreContract
{
    protected override Task<(IRevisionStore Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IRevisionStore>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class BlobDraftStoreContractTests(AzuriteFixture azurite) : DraftStoreContract
{
    protected override Task<(IDraftStore Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IDraftStore>(azurite);
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class QueueScheduleAlarmsContractTests(AzuriteFixture azurite) : ScheduleAlarmsContract
{
    private TestSite? site;

    protected override async Task<(IScheduleAlarms Port, IAsyncDisposable? Owner)> CreateAsync()
    {
        site = await TestSite.CreateAsync(azurite.ConnectionString);
        return (site.Services.GetRequiredService<IScheduleAlarms>(), site);
    }

    protected override async Task<IReadOnlyList<ScheduledChange>> DeliveredAsync()
    {
        var queue = site!.Services.GetRequiredService<StorageProvisioner>().ScheduleQueue;
        var delivered = new List<ScheduledChange>();
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            delivered.Add(QueueScheduleAlarms.Deserialize(message.MessageText));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return delivered;
    }
}

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class TableWebhookLogContractTests(AzuriteFixture azurite) : WebhookLogContract
{
    protected override Task<(IWebhookLog Port, IAsyncDisposable? Owner)> CreateAsync() => AzureAdapter.OnAzuriteAsync<IWebhookLog>(azurite);
}
