using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>A test class on a <see cref="SignedInApi"/> of its own (the app behind its gate, on Azurite, with a local issuer).</summary>
public abstract class SignedInApiTests(AzuriteFixture azurite, SharedSignedInApi? shared = null) : IAsyncLifetime
{
    private SignedInApi? api;

    protected SignedInApi Api => api ?? throw new InvalidOperationException("The API was not started.");

    public async Task InitializeAsync() => api = shared is null ? await SignedInApi.StartAsync(azurite) : await shared.GetAsync(azurite);

    public async Task DisposeAsync()
    {
        if (shared is null && api is not null)
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>An answer's JSON body.</summary>
    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}

/// <summary>
/// One <see cref="SignedInApi"/> for all the tests of a class (a class fixture), for classes of many small cases that
/// each leave the site as they found it or use slugs of their own: starting an app, an issuer and containers per case
/// cost about a second each.
/// </summary>
public sealed class SharedSignedInApi : IAsyncDisposable
{
    private readonly SemaphoreSlim starting = new(1, 1);
    private SignedInApi? api;

    public async Task<SignedInApi> GetAsync(AzuriteFixture azurite)
    {
        await starting.WaitAsync();
        try
        {
            return api ??= await SignedInApi.StartAsync(azurite);
        }
        finally
        {
            starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        starting.Dispose();
    }
}
