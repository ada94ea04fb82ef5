using System.Collections.Concurrent;
using System.Text.Json;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Pages;

namespace CovalentBond.Cli.Local;

/// <summary>
/// Writes a build's pages into a folder as they are made. A manifest (<see cref="ManifestName"/>) remembers the
/// content hash of every file the last build wrote: a page with the same hash, whose file is still there at the
/// same length, is not written again (nor read back to compare), and a file the last build wrote that this one
/// did not is removed. Files the build never wrote are left alone.
/// </summary>
internal sealed class FolderBuildOutput : IPageSink
{
    /// <summary>Lists what the last build wrote, so the next one can skip what is unchanged and remove what is gone.</summary>
    public const string ManifestName = ".covalent-build.json";

    private readonly FolderSiteStore store;
    private readonly IReadOnlyDictionary<string, string?> previous;
    private readonly ConcurrentDictionary<string, string> current = new(StringComparer.Ordinal);
    private int changed;

    private FolderBuildOutput(FolderSiteStore store, IReadOnlyDictionary<string, string?> previous, Permalink? previousArticles)
    {
        this.store = store;
        this.previous = previous;
        PreviousArticles = previousArticles;
    }

    /// <summary>The Site:Permalink of the last build (the default for a manifest from before the setting); null for a new folder.</summary>
    public Permalink? PreviousArticles { get; }

    /// <summary>Files written, changed or removed so far.</summary>
    public int Changed => changed;

    public static async Task<FolderBuildOutput> OpenAsync(string folder, CancellationToken cancellationToken)
    {
        var store = new FolderSiteStore(folder);
        var manifest = Path.Combine(store.Root, ManifestName);
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal);
        Permalink? articles = null;
        if (File.Exists(manifest))
        {
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(manifest, cancellationToken));
            if (json.RootElement.ValueKind == JsonValueKind.Array)
            {
                // The first manifests listed paths only: those files are compared byte by byte once.
                foreach (var path in json.RootElement.EnumerateArray())
                {
                    previous[path.GetString()!] = null;
                }
            }
            else if (json.RootElement.TryGetProperty("files", out var files))
            {
                articles = Permalink.Parse(json.RootElement.TryGetProperty("permalink", out var pattern) ? pattern.GetString() : null);
                foreach (var file in files.EnumerateObject())
                {
                    previous[file.Name] = file.Value.GetString();
                }
            }
        }

        return new FolderBuildOutput(store, previous, articles ?? (previous.Count > 0 ? Permalink.Parse(null) : null));
    }

    public async ValueTask WriteAsync(SitePage page, CancellationToken cancellationToken)
    {
        var hash = ContentHash.Of(page.Content)[..32];
        if (!current.TryAdd(page.Path, hash))
        {
            throw new InvalidOperationException($"The build wrote '{page.Path}' twice.");
        }

        if (previous.TryGetValue(page.Path, out var before) && before is not null)
        {
            var file = new FileInfo(store.FullPath(page.Path));
            if (before == hash && file.Exists && file.Length == page.Content.Length)
            {
                return;
            }
        }

        if (await store.WriteAsync(page, cancellationToken))
        {
            Interlocked.Increment(ref changed);
        }
    }

    /// <summary>Removes what the last build wrote and this one did not (a deleted post, a tag no one uses), and saves the manifest.</summary>
    /// <param name="articles">Where this build put the articles: the next build compares its own with it.</param>
    public async Task FinishAsync(Permalink articles, CancellationToken cancellationToken)
    {
        foreach (var stale in previous.Keys.Where(p => !current.ContainsKey(p)))
        {
            var path = store.FullPath(stale);
            if (File.Exists(path))
            {
                File.Delete(path);
                changed++;
            }
        }

        var manifest = new Dictionary<string, object>
        {
            ["version"] = 2,
            ["permalink"] = articles.Pattern,
            ["files"] = new SortedDictionary<string, string>(current, StringComparer.Ordinal),
        };
        await File.WriteAllTextAsync(Path.Combine(store.Root, ManifestName), JsonSerializer.Serialize(manifest), cancellationToken);
    }
}
