using System.CommandLine;
using CovalentBond.Publishing.Authors;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// The author profiles of a site on disk (<c>*.json</c>), for <c>build</c> and <c>dev</c>: given with <c>--authors</c>,
/// or the <c>authors</c> folder beside the content folder when there is one (<c>samples/authors</c> for <c>samples/posts</c>).
/// </summary>
internal static class AuthorProfileFiles
{
    public static Option<DirectoryInfo?> Option() => new("--authors")
    {
        Description = "A folder of author profiles (*.json with name, bio, photo, links, objectId). Default: the 'authors' folder beside the content folder, when there is one.",
    };

    /// <summary>The folder to read, or null when none is given and none stands beside the content.</summary>
    public static DirectoryInfo? FolderFor(DirectoryInfo? given, DirectoryInfo content)
    {
        if (given is not null)
        {
            return given.Exists ? given : throw new CliException($"the authors folder '{given.FullName}' does not exist");
        }

        var beside = new DirectoryInfo(Path.Combine(content.Parent?.FullName ?? content.FullName, "authors"));
        return beside.Exists ? beside : null;
    }

    /// <summary>The profiles of the folder; each file with problems is named on <paramref name="error"/> and left out.</summary>
    public static async Task<(AuthorProfiles Profiles, int Problems)> ReadAsync(DirectoryInfo? folder, TextWriter error)
    {
        if (folder is null)
        {
            return (AuthorProfiles.None, 0);
        }

        var problems = new List<ProfileProblem>();
        var profiles = AuthorProfiles.FromFolder(folder.FullName, problems);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"{Path.Combine(Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName), problem.FileName)}: {problem.Message}");
        }

        return (profiles, problems.Count);
    }
}
