using System.Net.Http.Headers;
using System.Text;
using CovalentBond.Identity.Local;
using CovalentBond.Publishing.Identity;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// The Functions app on Azurite behind its gate, with a local OpenID issuer as its authority: tokens are real RS256
/// JWTs, fetched keys and all, checked by the production validator. The people of the newsroom are fixed here.
/// </summary>
public sealed class SignedInApi : IAsyncDisposable
{
    public const string Audience = "api://covalent-bond-tests";

    private SignedInApi(LocalTokenIssuer issuer, FunctionsTestHost host, ApiTestServer server)
    {
        Issuer = issuer;
        Host = host;
        Server = server;
    }

    public LocalTokenIssuer Issuer { get; }

    public FunctionsTestHost Host { get; }

    public ApiTestServer Server { get; }

    public static (string Id, string Name, Role[] Roles) Contributor { get; } = ("c0000000-0000-4000-8000-000000000001", "Cora Contributor", [Role.Contributor]);

    public static (string Id, string Name, Role[] Roles) Author { get; } = ("a0000000-0000-4000-8000-000000000001", "Ana Author", [Role.Author]);

    public static (string Id, string Name, Role[] Roles) OtherAuthor { get; } = ("a0000000-0000-4000-8000-000000000002", "Boris Author", [Role.Author]);

    public static (string Id, string Name, Role[] Roles) Editor { get; } = ("e0000000-0000-4000-8000-000000000001", "Edda Editor", [Role.Editor]);

    public static (string Id, string Name, Role[] Roles) SecondEditor { get; } = ("e0000000-0000-4000-8000-000000000002", "Emil Editor", [Role.Editor]);

    public static (string Id, string Name, Role[] Roles) Admin { get; } = ("d0000000-0000-4000-8000-000000000001", "Dana Admin", [Role.Admin]);

    /// <summary>Signed in, but given no role of this app.</summary>
    public static (string Id, string Name, Role[] Roles) NoRole { get; } = ("f0000000-0000-4000-8000-000000000001", "Finn Nobody", []);

    public static async Task<SignedInApi> StartAsync(AzuriteFixture azurite)
    {
        var issuer = await LocalTokenIssuer.StartAsync(Audience, handOutTokens: true);
        var host = FunctionsTestHost.Create(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Identity:Authority"] = issuer.Authority,
            ["Identity:Audience"] = Audience,
            ["Identity:TenantId"] = issuer.TenantId,
            ["Identity:KeyRefreshInterval"] = "00:00:01",
        });
        var server = await ApiTestServer.StartAsync(host);
        return new SignedInApi(issuer, host, server);
    }

    public string TokenOf((string Id, string Name, Role[] Roles) person) => Issuer.Issue(person.Id, person.Name, person.Roles);

    /// <summary>A client that sends <paramref name="authorization"/> (a bearer token, or any header value; none when null).</summary>
    public HttpClient Client(string? authorization)
    {
        var client = new HttpClient { BaseAddress = Server.Address };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }

    public HttpClient ClientOf((string Id, string Name, Role[] Roles) person) => Client("Bearer " + TokenOf(person));

    public static StringContent Markdown(string title, string date = "2025-06-01", bool draft = false) =>
        new($"---\ntitle: {title}\ndate: {date}\n{(draft ? "draft: true\n" : "")}---\nThe body of {title}.\n", Encoding.UTF8, new MediaTypeHeaderValue("text/markdown"));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
