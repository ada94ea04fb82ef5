using System.Text.Json;

namespace CovalentBond.Cli.SignIn;

/// <summary>
/// Sign-in for a terminal: the OAuth 2.0 device authorization grant (RFC 8628) against the authority's OpenID
/// configuration (<c>device_authorization_endpoint</c>, <c>token_endpoint</c>), as Entra ID serves it at
/// <c>https://login.microsoftonline.com/{tenant}/v2.0</c> and as <c>covalent dev</c>'s local issuer serves it. The person
/// opens the address shown, enters the code and signs in there; the CLI never sees a password.
/// </summary>
internal sealed class DeviceCodeSignIn(HttpClient http, TimeProvider clock)
{
    /// <summary>The most time the polling waits between two tries, however often the server says to slow down.</summary>
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);

    public async Task<SavedSignIn> SignInAsync(Uri api, string authority, string clientId, string scope, TextWriter output, CancellationToken cancellationToken)
    {
        var endpoints = await EndpointsAsync(authority, cancellationToken);
        var code = await PostFormAsync(endpoints.DeviceCode, new()
        {
            ["client_id"] = clientId,
            ["scope"] = $"{scope} offline_access",
        }, cancellationToken);
        if (code.Error is not null)
        {
            throw new CliException($"{authority} refused to start a sign-in: {code.Error}");
        }

        var deviceCode = code.Text("device_code");
        var message = code.OptionalText("message") ?? $"To sign in, open {code.Text("verification_uri")} and enter the code {code.Text("user_code")}.";
        await output.WriteLineAsync(message);
        var interval = TimeSpan.FromSeconds(Math.Clamp(code.Number("interval") ?? 5, 1, MaxInterval.TotalSeconds));
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(code.Number("expires_in") ?? 900);
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(interval, clock, cancellationToken);
            var answer = await PostFormAsync(endpoints.Token, new()
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
                ["client_id"] = clientId,
                ["device_code"] = deviceCode,
            }, cancellationToken);
            switch (answer.Error)
            {
                case null:
                    return Saved(api, authority, clientId, scope, answer);
                case "authorization_pending":
                    continue;
                case "slow_down":
                    interval = TimeSpan.FromTicks(Math.Min((interval + TimeSpan.FromSeconds(5)).Ticks, MaxInterval.Ticks));
                    continue;
                default:
                    throw new CliException($"the sign-in did not finish: {answer.Error}{(answer.Description is { } d ? $" ({d})" : string.Empty)}");
            }
        }

        throw new CliException("the sign-in code expired before it was entered; run covalent login again");
    }

    /// <summary>A fresh access token from the saved refresh token; null when there is none or the authority refuses it (sign in again).</summary>
    public async Task<SavedSignIn?> RenewAsync(SavedSignIn saved, CancellationToken cancellationToken)
    {
        if (saved.RefreshToken is null)
        {
            return null;
        }

        var endpoints = await EndpointsAsync(saved.Authority, cancellationToken);
        var answer = await PostFormAsync(endpoints.Token, new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = saved.ClientId,
            ["refresh_token"] = saved.RefreshToken,
            ["scope"] = $"{saved.Scope} offline_access",
        }, cancellationToken);
        return answer.Error is null ? Saved(new Uri(saved.Api), saved.Authority, saved.ClientId, saved.Scope, answer) with { RefreshToken = answer.OptionalText("refresh_token") ?? saved.RefreshToken } : null;
    }

    private SavedSignIn Saved(Uri api, string authority, string clientId, string scope, Answer answer) =>
        new(api.ToString(), authority, clientId, scope, answer.Text("access_token"), clock.GetUtcNow() + TimeSpan.FromSeconds(answer.Number("expires_in") ?? 3600), answer.OptionalText("refresh_token"));

    private async Task<(Uri DeviceCode, Uri Token)> EndpointsAsync(string authority, CancellationToken cancellationToken)
    {
        var discovery = new Uri(authority.TrimEnd('/') + "/.well-known/openid-configuration");
        Answer configuration;
        try
        {
            using var response = await http.GetAsync(discovery, cancellationToken);
            configuration = await Answer.ReadAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{discovery} answered {(int)response.StatusCode}: is '{authority}' the authority (https://login.microsoftonline.com/<tenant>/v2.0)?");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"could not reach {discovery}: {ex.Message}");
        }

        var device = configuration.OptionalText("device_authorization_endpoint")
            ?? throw new CliException($"{authority} does not offer sign-in with a code (its OpenID configuration has no device_authorization_endpoint)");
        return (Endpoint(device, authority), Endpoint(configuration.Text("token_endpoint"), authority));
    }

    /// <summary>An endpoint of the authority's configuration: https (or loopback http), never another scheme.</summary>
    private static Uri Endpoint(string address, string authority) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : throw new CliException($"{authority} names an endpoint that is not https: {address}");

    private async Task<Answer> PostFormAsync(Uri endpoint, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(endpoint, content, cancellationToken);
            return await Answer.ReadAsync(response, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"could not reach {endpoint}: {ex.Message}");
        }
    }

    /// <summary>A JSON answer of the authority: its fields, or its OAuth error.</summary>
    private sealed record Answer(JsonElement Body)
    {
        public string? Error => OptionalText("error");

        public string? Description => OptionalText("error_description");

        public static async Task<Answer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? new Answer(document.RootElement.Clone())
                    : throw new CliException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} with JSON that is not an object");
            }
            catch (JsonException)
            {
                throw new CliException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} without JSON");
            }
        }

        public string? OptionalText(string name) =>
            Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public string Text(string name) => OptionalText(name) ?? throw new CliException($"the authority's answer has no '{name}'");

        public double? Number(string name) =>
            Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }
}
