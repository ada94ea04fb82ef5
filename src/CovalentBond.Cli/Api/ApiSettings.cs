using System.Text.Json;

namespace CovalentBond.Cli.Api;

/// <summary>
/// How the CLI reaches a deployed site over HTTP: the address from <c>--api</c> or the config file, and the caller's
/// Entra ID access token from the <c>COVALENT_TOKEN</c> environment variable — never from the command line, where it
/// would land in shell history, and never a shared key. (<c>covalent login</c>, which would fetch and cache the token, is
/// not built yet: <c>az account get-access-token --resource api://…</c> gives one.)
/// </summary>
/// <remarks>The config file is <c>$COVALENT_CONFIG</c>, else <c>~/.config/covalent/config.json</c>: <c>{"api": "..."}</c>.</remarks>
internal sealed record ApiSettings(Uri BaseAddress, string? Token)
{
    public const string TokenVariable = "COVALENT_TOKEN";
    public const string ConfigVariable = "COVALENT_CONFIG";

    /// <summary>The settings when an API is named (option or config file), else null: the command works on storage.</summary>
    public static ApiSettings? Resolve(string? apiOption)
    {
        var file = ReadConfigFile();
        var address = apiOption ?? file?.Api;
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        if (!Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new CliException($"'{address}' is not an http(s) address of a deployed site");
        }

        return new ApiSettings(uri, Environment.GetEnvironmentVariable(TokenVariable));
    }

    public static string ConfigPath =>
        Environment.GetEnvironmentVariable(ConfigVariable)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "covalent", "config.json");

    public string RequireToken() =>
        Token is { Length: > 0 } token ? token
        : throw new CliException($"sign-in is needed: set {TokenVariable} to an access token for the site's API (az account get-access-token --resource <the API's Application ID URI>)");

    private static ConfigFile? ReadConfigFile()
    {
        var path = ConfigPath;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path} is not valid JSON: {ex.Message}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ConfigFile(string? Api);
}
