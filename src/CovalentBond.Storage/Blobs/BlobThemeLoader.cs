using Azure;
using Azure.Storage.Blobs;
using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Theme;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Storage.Blobs;

/// <summary>
/// The site owner's theme: files in the <c>theme</c> container (<c>article.liquid</c>, <c>site.css</c>, ...)
/// laid over the default theme by name, with the author profiles kept beside it (<c>authors/*.json</c>). Read when the process starts, and again when the change watcher
/// or a republish worker looks for a new one.
/// </summary>
public sealed partial class BlobThemeLoader(
    ContentStorageClients clients, Microsoft.Extensions.Options.IOptions<StorageOptions> options, ILogger<BlobThemeLoader> logger) : IThemeSource
{
    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(options.Value.ThemeContainer);

    /// <summary>
    /// Synchronous SDK calls (not sync-over-async): for the one load inside a DI factory at start-up. When
    /// the container cannot be read (role assignments still propagating, a storage outage), the worker
    /// starts with the default theme and logs a warning; the change check loads the theme again later
    /// and republishes when it differs.
    /// </summary>
    public Theme Load()
    {
        try
        {
            return LoadOrThrow();
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
            LogThemeUnreadable(logger, ex, options.Value.ThemeContainer);
            return Theme.Default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The theme container {Container} could not be read; starting with the default theme (the change check tries again)")]
    private static partial void LogThemeUnreadable(ILogger logger, Exception exception, string container);

    private Theme LoadOrThrow()
    {
        if (!Container.Exists().Value)
        {
            return Theme.Default;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var profiles = new List<(string, ReadOnlyMemory<byte>)>();
        foreach (var item in Container.GetBlobs())
        {
            if (IsThemeFile(item.Name))
            {
                files[item.Name] = Container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToString();
            }
            else if (IsProfile(item.Name, item.Properties.ContentLength))
            {
                profiles.Add((item.Name, Container.GetBlobClient(item.Name).DownloadContent().Value.Content.ToMemory()));
            }
        }

        return WithProfiles(files.Count == 0 ? Theme.Default : Theme.Default.WithOverrides(files), profiles);
    }

    /// <summary>The theme with the profiles read (one with problems is left out, and logged with them).</summary>
    private Theme WithProfiles(Theme theme, List<(string, ReadOnlyMemory<byte>)> files)
    {
        if (files.Count == 0)
        {
            return theme;
        }

        var problems = new List<ProfileProblem>();
        var profiles = AuthorProfiles.Read(files, problems);
        foreach (var problem in problems)
        {
            LogProfileProblem(logger, options.Value.ThemeContainer, problem.ToString());
        }

        return theme.WithAuthors(profiles);
    }

    /// <summary><c>authors/{name}.json</c>, of a size a profile may have (a larger one is not read).</summary>
    private static bool IsProfile(string name, long? length) =>
        name.StartsWith(ProfilesFolder, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
        && name.IndexOf('/', ProfilesFolder.Length) < 0 && (length ?? 0) <= AuthorProfiles.MaxFileBytes;

    /// <summary>
    /// Stores author profiles (<c>{name}.json</c>) in the theme container, as an operator uploads them (<c>covalent dev</c>
    /// with a folder of them): the next load of the theme has them, and the change check republishes.
    /// </summary>
    public async Task SaveProfilesAsync(IEnumerable<(string FileName, BinaryData Content)> files, CancellationToken cancellationToken)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var (fileName, content) in files)
        {
            await Container.GetBlobClient(ProfilesFolder + Path.GetFileName(fileName)).UploadAsync(content, overwrite: true, cancellationToken);
        }
    }

    /// <summary>Where the author profiles are kept in the theme container.</summary>
    public const string ProfilesFolder = "authors/";

    [LoggerMessage(Level = LogLevel.Warning, Message = "An author profile in {Container} is left out: {Problem}")]
    private static partial void LogProfileProblem(ILogger logger, string container, string problem);

    public async Task<Theme> LoadAsync(CancellationToken cancellationToken)
    {
        if (!(await Container.ExistsAsync(cancellationToken)).Value)
        {
            return Theme.Default;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var profiles = new List<(string, ReadOnlyMemory<byte>)>();
        await foreach (var item in Container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (IsThemeFile(item.Name))
            {
                files[item.Name] = (await Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            }
            else if (IsProfile(item.Name, item.Properties.ContentLength))
            {
                profiles.Add((item.Name, (await Container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory()));
            }
        }

        return WithProfiles(files.Count == 0 ? Theme.Default : Theme.Default.WithOverrides(files), profiles);
    }

    private static bool IsThemeFile(string name) =>
        !name.Contains('/', StringComparison.Ordinal)
        && Publishing.Theme.Theme.IsThemeFile(name);
}
