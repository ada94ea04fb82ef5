using System.Runtime;

namespace CovalentBond.Cli;

/// <summary>
/// .NET's multicore JIT for the command-line tool: each command records which methods it compiled into a profile
/// in the user's cache folder, and from its second run on a background thread compiles them from that profile
/// while the command starts working, so the other core takes most of the compiling off the command's path (a
/// 10,000-post build: 0.6–0.8 s sooner; docs/performance.md#full-build). Best effort: a cache folder that cannot
/// be written leaves the command as it was. <c>COVALENT_JIT_PROFILE=off</c> turns it off.
/// </summary>
internal static class JitProfile
{
    /// <summary>Where the profiles are kept: <c>$XDG_CACHE_HOME/covalent/jit</c>, else <c>~/.cache/covalent/jit</c>; null without a home.</summary>
    public static string? Folder(Func<string, string?> environment)
    {
        if (string.Equals(environment("COVALENT_JIT_PROFILE"), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache")
            : null;
        return cache is null ? null : Path.Combine(cache, "covalent", "jit");
    }

    /// <summary>Starts recording (and, with a profile from an earlier run, compiling ahead) for <paramref name="command"/>.</summary>
    /// <returns>The profile's folder, or null when there is none to use.</returns>
    public static string? Start(string? command)
    {
        if (Folder(Environment.GetEnvironmentVariable) is not { } folder || command is null || !command.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(command + ".profile");
            return folder;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
