using System.Text.Json;

namespace CovalentBond.Cli.Api;

/// <summary>
/// How the CLI reaches a deployed site over HTTP: the address from <c>--api</c> or the config file, the
/// key from the <c>COVALENT_API_KEY</c> environment variable or the config file — never from the command
/// line, where it would land in shell history. Site-wide operations (republish, status) take the host's
/// admin key: <c>COVALENT_ADMIN_KEY</c> or <c>adminKey</c>.
/// </summary>
/// <remarks>The config file is <c>$COVALENT_CONFIG</c>, else <c>~/.config/covalent/config.json</c>: <c>{"api": "...", "apiKey": "...", "adminKey": "..."}</c>.</remarks>
internal sealed record ApiSettings(Uri BaseAddress, string? Key, string? AdminKey)
{
    public const string KeyVariable = "COVALENT_API_KEY";
    public const string AdminKeyVariable = "COVALENT_ADMIN_KEY";
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

        return new ApiSettings(
            uri,
            Environment.GetEnvironmentVariable(KeyVariable) ?? file?.ApiKey,
            Environment.GetEnvironmentVariable(AdminKeyVariable) ?? file?.AdminKey);
    }

    public static string ConfigPath =>
        Environment.GetEnvironmentVariable(ConfigVariable)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "covalent", "config.json");

    public string RequireKey(bool admin) =>
        (admin ? AdminKey : Key) ?? throw new CliException(admin
            ? $"the site's admin key is needed: set {AdminKeyVariable}, or \"adminKey\" in {ConfigPath}"
            : $"the site's function key is needed: set {KeyVariable}, or \"apiKey\" in {ConfigPath}");

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

    private sealed record ConfigFile(string? Api, string? ApiKey, string? AdminKey);
}
