using System.Text.Json;

namespace CovalentBond.Cli.SignIn;

/// <summary>
/// What <c>covalent login</c> keeps for one site's API: where it signed in, and the tokens it got. Kept in
/// <c>sign-in.json</c> beside the config file (<c>~/.config/covalent/</c>), readable by the user alone.
/// </summary>
internal sealed record SavedSignIn(string Api, string Authority, string ClientId, string Scope, string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken)
{
    /// <summary>A token this close to its end is renewed before it is sent.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);

    public bool IsFresh(DateTimeOffset now) => ExpiresAt - RenewBefore > now;
}

/// <summary>The file of saved sign-ins, one per API address; written whole, then moved into place, mode 0600.</summary>
internal static class SignInStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string configPath) => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(configPath) ?? ".", "sign-in.json");

    public static SavedSignIn? Read(string path, Uri api)
    {
        var all = ReadAll(path);
        return all.GetValueOrDefault(Key(api));
    }

    public static void Save(string path, SavedSignIn signIn)
    {
        var all = ReadAll(path);
        all[Key(new Uri(signIn.Api))] = signIn;
        Write(path, all);
    }

    /// <returns>Whether a sign-in for the API was there.</returns>
    public static bool Forget(string path, Uri api)
    {
        var all = ReadAll(path);
        if (!all.Remove(Key(api)))
        {
            return false;
        }

        Write(path, all);
        return true;
    }

    private static string Key(Uri api) => api.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";

    private static Dictionary<string, SavedSignIn> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, SavedSignIn>>(File.ReadAllText(path), Json) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path} is not a sign-in file ({ex.Message}); delete it and run covalent login again");
        }
    }

    private static void Write(string path, Dictionary<string, SavedSignIn> all)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = System.IO.Path.Combine(folder, $".sign-in.{Guid.NewGuid():N}.tmp");
        // Created readable by the user alone before anything is written into it: the tokens never sit in a wider file.
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)
            : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            JsonSerializer.Serialize(stream, all, Json);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
