using CovalentBond.Publishing.Memory;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;
using CovalentBond.Testing.InMemory;
using CovalentBond.Testing.InMemory.Contracts;

namespace CovalentBond.Publishing.Tests.Ports;

// The in-memory adapters pass the contract suites the Azure adapters pass (Storage.Tests/Ports).

public sealed class InMemorySiteStoreContractTests : SiteStoreContract
{
    protected override Task<(ISiteStore Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(ISiteStore, IAsyncDisposable?)>((new InMemorySiteStore(), null));
}

public sealed class InMemorySourceStoreContractTests : SourceStoreContract
{
    protected override Task<(ISourceStore Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(ISourceStore, IAsyncDisposable?)>((new InMemorySourceStore(), null));
}

public sealed class InMemorySourceCacheContractTests : SourceCacheContract
{
    protected override Task<(ISourceCache Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(ISourceCache, IAsyncDisposable?)>((new InMemorySourceCache(), null));
}

public sealed class InMemoryPostIndexContractTests : PostIndexContract
{
    protected override Task<(IPostIndex Port, IAsyncDisposable? Owner)> CreateAsync() =>
        Task.FromResult<(IPostIndex, IAsyncDisposable?)>((new InMemoryPostIndex(new SiteOptions { TimeZone = "Europe/Belgrade" }, TimeProvider.System), null));
}

public sealed class InMemoryMediaIndexContractTests : MediaIndexContract
{
    protected override Task<(IMediaIndex Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IMediaIndex, IAsyncDisposable?)>((new InMemoryMediaIndex(), null));
}

public sealed class InMemoryAliasClaimsContractTests : AliasClaimsContract
{
    protected override Task<(IAliasClaims Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IAliasClaims, IAsyncDisposable?)>((new InMemoryAliasClaims(), null));
}

public sealed class InMemoryRepublishJobStoreContractTests : RepublishJobStoreContract
{
    protected override Task<(IRepublishJobStore Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IRepublishJobStore, IAsyncDisposable?)>((new InMemoryRepublishJobStore(), null));
}

public sealed class InMemoryAuditTrailContractTests : AuditTrailContract
{
    protected override Task<(IAuditTrail Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IAuditTrail, IAsyncDisposable?)>((new InMemoryAuditTrail(), null));
}

public sealed class InMemoryRevisionStoreContractTests : RevisionStoreContract
{
    protected override Task<(IRevisionStore Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IRevisionStore, IAsyncDisposable?)>((new InMemoryRevisionStore(), null));
}

public sealed class InMemoryDraftStoreContractTests : DraftStoreContract
{
    protected override Task<(IDraftStore Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IDraftStore, IAsyncDisposable?)>((new InMemoryDraftStore(), null));
}

public sealed class InMemoryScheduleAlarmsContractTests : ScheduleAlarmsContract
{
    private readonly InMemoryScheduleAlarms alarms = new();

    protected override Task<(IScheduleAlarms Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IScheduleAlarms, IAsyncDisposable?)>((alarms, null));

    protected override Task<IReadOnlyList<ScheduledChange>> DeliveredAsync() => Task.FromResult(alarms.Deliver(DateTimeOffset.UtcNow));
}

public sealed class InMemoryWebhookLogContractTests : WebhookLogContract
{
    protected override Task<(IWebhookLog Port, IAsyncDisposable? Owner)> CreateAsync() => Task.FromResult<(IWebhookLog, IAsyncDisposable?)>((new InMemoryWebhookLog(), null));
}
