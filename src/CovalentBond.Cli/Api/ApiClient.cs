using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Cli.Api;

/// <summary>The deployed site's HTTP API, as the CLI uses it. Problems come back as RFC 9457 problem details.</summary>
internal sealed class ApiClient(ApiSettings settings) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = settings.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    private SignIn.SavedSignIn? signIn = settings.SignIn;

    /// <summary>
    /// <c>PUT /api/posts/{slug}</c> with the precondition the API asks for: the file on disk is the author's truth, so the
    /// CLI reads the post's current ETag and sends it (<c>If-None-Match: *</c> for a new post). A save between the read
    /// and the write still gets 412; an overwritten version stays in the post's revisions.
    /// </summary>
    public async Task<ApiAnswer> PublishAsync(string slug, byte[] content, CancellationToken cancellationToken)
    {
        var current = await GetAsync($"api/posts/{slug}", cancellationToken);
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/markdown") { CharSet = "utf-8" };
        return await SendAsync(HttpMethod.Put, $"api/posts/{slug}", body, cancellationToken, request =>
        {
            if (current.IsSuccess && current.Get("eTag") is { Length: > 0 } etag)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }
            else if (current.Status == 404)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", "*");
            }
        });
    }

    /// <summary><c>PUT /api/posts/{slug}/media/{file}</c>: an image beside the post.</summary>
    public Task<ApiAnswer> PublishMediaAsync(string slug, string file, byte[] content, CancellationToken cancellationToken)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return SendAsync(HttpMethod.Put, $"api/posts/{slug}/media/{Uri.EscapeDataString(file)}", body, cancellationToken);
    }

    public Task<ApiAnswer> UnpublishAsync(string slug, CancellationToken cancellationToken) =>
        SendOnCurrentAsync(HttpMethod.Post, slug, $"api/posts/{slug}/unpublish", cancellationToken);

    public Task<ApiAnswer> DeleteAsync(string slug, CancellationToken cancellationToken) =>
        SendOnCurrentAsync(HttpMethod.Delete, slug, $"api/posts/{slug}", cancellationToken);

    public Task<ApiAnswer> RestoreAsync(string slug, CancellationToken cancellationToken) =>
        SendOnCurrentAsync(HttpMethod.Post, slug, $"api/posts/{slug}/restore", cancellationToken);

    /// <summary>
    /// A withdrawal or restore of the post as it is now: the API takes them only with <c>If-Match</c>, so the CLI reads
    /// the post's ETag first (a person at a terminal acts on the current version; a change in between still gets 412).
    /// </summary>
    private async Task<ApiAnswer> SendOnCurrentAsync(HttpMethod method, string slug, string path, CancellationToken cancellationToken)
    {
        var current = await GetAsync($"api/posts/{slug}", cancellationToken);
        if (!current.IsSuccess)
        {
            return current;
        }

        return await SendAsync(method, path, null, cancellationToken, request =>
        {
            if (current.Get("eTag") is { Length: > 0 } etag)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }
        });
    }

    public Task<ApiAnswer> StartRepublishAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/site/republish", null, cancellationToken);

    public Task<ApiAnswer> RepublishStatusAsync(string? jobId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, jobId is null ? "api/site/republish" : $"api/site/republish/{Uri.EscapeDataString(jobId)}", null, cancellationToken);

    /// <summary>A POST to the API (the review steps).</summary>
    public Task<ApiAnswer> PostAsync(string path, HttpContent? content, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, content, cancellationToken);

    public Task<ApiAnswer> WhoAmIAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, "api/me", null, cancellationToken);

    /// <summary>A read of the posts API (<c>api/posts</c>, <c>api/posts/{slug}</c>).</summary>
    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public void Dispose() => http.Dispose();

    /// <summary>
    /// <c>COVALENT_TOKEN</c> when set; else the saved sign-in's access token, renewed with its refresh token (and saved
    /// again) when it is about to end.
    /// </summary>
    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (settings.Token is { Length: > 0 } token)
        {
            return token;
        }

        if (signIn is null)
        {
            throw new CliException($"sign-in is needed: {settings.SignInHint}");
        }

        if (!signIn.IsFresh(DateTimeOffset.UtcNow))
        {
            using var authority = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
            signIn = await new SignIn.DeviceCodeSignIn(authority, TimeProvider.System).RenewAsync(signIn, cancellationToken)
                ?? throw new CliException($"your sign-in to {settings.BaseAddress} has ended: run covalent login --api {settings.BaseAddress} again");
            SignIn.SignInStore.Save(ApiSettings.SignInPath, signIn);
        }

        return signIn.AccessToken;
    }

    private static string Detail(JsonElement? json, string text) =>
        json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("detail", out var detail) ? detail.ToString() : text;

    private async Task<ApiAnswer> SendAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        headers?.Invoke(request);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"could not reach {settings.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? json = null;
            if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } media && media.Contains("json", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized)
            {
                throw new CliException($"{settings.BaseAddress} refused the token: {Detail(json, text)} ({settings.SignInHint})");
            }

            if (response.StatusCode is HttpStatusCode.Forbidden)
            {
                throw new CliException($"{settings.BaseAddress} refused: {Detail(json, text)}");
            }

            return new ApiAnswer((int)response.StatusCode, json, text);
        }
    }
}

/// <summary>What the API answered: the status code and the JSON body (a result, or problem details).</summary>
internal sealed record ApiAnswer(int Status, JsonElement? Body, string Text)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Get(string name) => Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) ? value.ToString() : null;

    /// <summary>The post problems of a 400 answer (<c>errors: [{line, field, message}]</c>), or its title and detail.</summary>
    public IReadOnlyList<PostProblem> Problems()
    {
        if (Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            return errors.EnumerateArray().Select(e => new PostProblem(
                e.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? line.GetInt32() : null,
                e.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null,
                e.GetProperty("message").GetString() ?? "")).ToList();
        }

        return [new PostProblem(null, null, $"{Status}: {Get("title") ?? Text} {Get("detail")}".Trim())];
    }
}
