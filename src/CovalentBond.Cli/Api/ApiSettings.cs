using System.Text.Json;

namespace CovalentBond.Cli.Api;

/// <summary>
/// How the CLI reaches a deployed site over HTTP: the address from <c>--api</c> or the config file, and the caller's
/// Entra ID access token: from the <c>COVALENT_TOKEN</c> environment variable when it is set (a CI job's, a managed
/// identity's), else the one <c>covalent login</c> saved — never from the command line, where it would land in shell
/// history, and never a shared key.
/// </summary>
/// <remarks>
/// The config file is <c>$COVALENT_CONFIG</c>, else <c>~/.config/covalent/config.json</c>:
/// <c>{"api": "...", "authority": "...", "clientId": "...", "scope": "..."}</c> (the last three for <c>covalent login</c>).
/// </remarks>
internal sealed record ApiSettings(Uri BaseAddress, string? Token)
{
    /// <summary>What <c>covalent login</c> saved for this API, when no <c>COVALENT_TOKEN</c> is set.</summary>
    public SignIn.SavedSignIn? SignIn { get; init; }

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

        var token = Environment.GetEnvironmentVariable(TokenVariable);
        return token is { Length: > 0 }
            ? new ApiSettings(uri, token)
            : new ApiSettings(uri, null) { SignIn = Cli.SignIn.SignInStore.Read(SignInPath, uri) };
    }

    /// <summary>Where <c>covalent login</c> keeps its tokens: <c>sign-in.json</c> beside the config file.</summary>
    public static string SignInPath => Cli.SignIn.SignInStore.PathFor(ConfigPath);

    public static string ConfigPath =>
        Environment.GetEnvironmentVariable(ConfigVariable)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "covalent", "config.json");

    /// <summary>Fails before any work when there is no token and no sign-in at all.</summary>
    public void EnsureSignedIn()
    {
        if (Token is not { Length: > 0 } && SignIn is null)
        {
            throw new CliException($"sign-in is needed: {SignInHint}");
        }
    }

    /// <summary>What to do when no token is at hand.</summary>
    public string SignInHint => $"run covalent login --api {BaseAddress}, or set {TokenVariable} to an access token for the site's API";

    internal static ConfigFile? ReadConfigFile()
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

    internal sealed record ConfigFile(string? Api, string? Authority = null, string? ClientId = null, string? Scope = null);
}
