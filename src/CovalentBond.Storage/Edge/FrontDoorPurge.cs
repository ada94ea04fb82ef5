using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Core;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Storage.Edge;

/// <summary>
/// Purges addresses from Azure Front Door through Azure Resource Manager (<c>afdEndpoints/{endpoint}/purge</c>) with the
/// app's managed identity, which <c>infra/main.bicep</c> gives a custom role that may do only that on the site's profile.
/// Front Door accepts the call (202) and takes the copies off its edges over the next minutes.
/// </summary>
public sealed class FrontDoorPurge(HttpClient http, TokenCredential credential, FrontDoorOptions options) : IEdgePurge
{
    private const string ApiVersion = "2024-02-01";

    public async Task PurgeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count > IEdgePurge.MaxPaths)
        {
            throw new ArgumentException($"Front Door takes at most {IEdgePurge.MaxPaths} paths a call, not {paths.Count}.", nameof(paths));
        }

        var management = new Uri(options.ManagementUrl);
        AccessToken token;
        try
        {
            token = await credential.GetTokenAsync(new TokenRequestContext([new Uri(management, ".default").ToString()]), cancellationToken);
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            throw new EdgePurgeFailedException($"No token for Azure Resource Manager: {ex.Message}", transient: true, ex);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(management, $"{options.EndpointId.TrimStart('/')}/purge?api-version={ApiVersion}"))
        {
            Content = JsonContent.Create(new { contentPaths = paths }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new EdgePurgeFailedException($"Front Door's purge could not be reached: {ex.Message}", transient: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
                throw new EdgePurgeFailedException($"Front Door refused the purge: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}", transient);
            }
        }
    }
}

/// <summary>Where the site's Front Door endpoint is (section <c>FrontDoor</c>); unset, nothing is purged and purges are logged.</summary>
public sealed class FrontDoorOptions
{
    public const string SectionName = "FrontDoor";

    /// <summary>The endpoint's resource id: <c>/subscriptions/…/resourceGroups/…/providers/Microsoft.Cdn/profiles/…/afdEndpoints/…</c>.</summary>
    public string EndpointId { get; set; } = string.Empty;

    /// <summary>Azure Resource Manager's address for the cloud the profile is in.</summary>
    public string ManagementUrl { get; set; } = "https://management.azure.com/";

    /// <summary>The client id of a user-assigned identity to purge with; empty for the app's system-assigned one.</summary>
    public string? ClientId { get; set; }
}
