using System.Net;
using Azure.Core;
using CovalentBond.Publishing.Edge;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Edge;
using CovalentBond.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Storage.Tests.Edge;

/// <summary>
/// The Front Door adapter against a fake Azure Resource Manager that records calls: the endpoint's purge action with the
/// app's token and the addresses; throttling told apart from a refusal; and, on Azurite, an unpublish that reaches it.
/// </summary>
public sealed class FrontDoorPurgeTests
{
    internal const string EndpointId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/news/providers/Microsoft.Cdn/profiles/covalent-fd/afdEndpoints/covalent-site";

    /// <summary>A credential that hands out a fixed token, as a managed identity would hand out its own.</summary>
    internal sealed class FixedToken : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken("token-of-the-app", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private static FrontDoorPurge Adapter(FakeFrontDoor frontDoor, FixedToken token) =>
        new(new HttpClient(), token, new FrontDoorOptions { EndpointId = EndpointId, ManagementUrl = frontDoor.Url.ToString() });

    [Fact]
    public async Task A_purge_is_the_endpoints_purge_action_with_the_apps_token_and_the_addresses()
    {
        await using var frontDoor = new FakeFrontDoor();
        var token = new FixedToken();

        await Adapter(frontDoor, token).PurgeAsync(["/posts/x/", "/posts/x/index.html"], CancellationToken.None);

        var call = Assert.Single(frontDoor.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(EndpointId + "/purge?api-version=2024-02-01", call.PathAndQuery);
        Assert.Equal("Bearer token-of-the-app", call.Authorization);
        Assert.Equal(["/posts/x/", "/posts/x/index.html"], call.ContentPaths);
        Assert.Equal([frontDoor.Url + ".default"], Assert.Single(token.Scopes));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task Throttling_and_server_errors_are_worth_trying_again_and_a_refusal_is_not(HttpStatusCode status, bool transient)
    {
        await using var frontDoor = new FakeFrontDoor();
        frontDoor.Answer(status);

        var failure = await Assert.ThrowsAsync<EdgePurgeFailedException>(() => Adapter(frontDoor, new FixedToken()).PurgeAsync(["/"], CancellationToken.None));

        Assert.Equal(transient, failure.Transient);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_100_addresses_in_one_call_are_refused_before_anything_is_sent()
    {
        await using var frontDoor = new FakeFrontDoor();

        await Assert.ThrowsAsync<ArgumentException>(() => Adapter(frontDoor, new FixedToken()).PurgeAsync(Enumerable.Range(0, 101).Select(i => $"/{i}").ToList(), CancellationToken.None));

        Assert.Empty(frontDoor.Calls);
    }
}

/// <summary>The purge from a change on Azure storage (Azurite) to the fake Front Door.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class FrontDoorPurgeOnAzuriteTests(AzuriteFixture azurite)
{
    private const string EndpointId = FrontDoorPurgeTests.EndpointId;

    [Fact]
    public async Task An_unpublish_on_azure_storage_purges_through_front_door_retrying_a_throttled_call()
    {
        await using var frontDoor = new FakeFrontDoor();
        await using var site = await TestSite.CreateAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["FrontDoor:EndpointId"] = EndpointId, ["FrontDoor:ManagementUrl"] = frontDoor.Url.ToString() },
            configure: s => s.AddSingleton<TokenCredential>(new FrontDoorPurgeTests.FixedToken()));
        Assert.IsType<FrontDoorPurge>(site.Services.GetRequiredService<IEdgePurge>());

        var story = System.Text.Encoding.UTF8.GetBytes($"---\ntitle: Story\ndate: {DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}\ntags: [Trade]\n---\nBody.\n");
        Assert.False((await site.Publisher.PublishAsync(PostUpload.FromHttp(story, "story", Caller.App))).IsRefused);
        Assert.Empty(frontDoor.Calls);

        frontDoor.Answer(HttpStatusCode.TooManyRequests);
        var result = await site.Withdrawal.UnpublishAsync("story", Caller.App);

        Assert.Equal(2, frontDoor.Calls.Count);
        Assert.Equal(frontDoor.Calls[0].ContentPaths, frontDoor.Calls[1].ContentPaths);
        Assert.Contains("/posts/story/", frontDoor.Calls[1].ContentPaths);
        Assert.Contains("/", frontDoor.Calls[1].ContentPaths);
        Assert.Equal(PurgePlan.AddressesOf(result!.PagesWritten), frontDoor.Calls[1].ContentPaths);
        Assert.Equal(CacheLifetimes.Fresh, (await site.Site.GetBlobClient("index.html").GetPropertiesAsync()).Value.CacheControl);
    }
}
