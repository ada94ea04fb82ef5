using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>A test class on a <see cref="SignedInApi"/> of its own (the app behind its gate, on Azurite, with a local issuer).</summary>
public abstract class SignedInApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SignedInApi? api;

    protected SignedInApi Api => api ?? throw new InvalidOperationException("The API was not started.");

    public async Task InitializeAsync() => api = await SignedInApi.StartAsync(azurite);

    public async Task DisposeAsync()
    {
        if (api is not null)
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
