using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// What a republish batch reads before it renders, in a few requests for all its pages: its articles' records (kept
/// with the batch by the job, or else one range query) and copies of their sources (one range query of
/// <see cref="ISourceCache"/>); its articles and list pages as the site held them when the job started (listed then, or
/// known from what the last republish left, kept in the batch's row; else its list pages' folders listed here). A page
/// is then written only when its bytes changed, with one request, and nothing is read page by page.
/// </summary>
public sealed class BatchSnapshot
{
    private readonly Dictionary<string, PostRecord> records;
    private readonly Lazy<Task<IReadOnlyDictionary<string, CachedSource>>> copies;
    private readonly Dictionary<string, DeployedPage> deployed;
    private readonly HashSet<string> listedArticles;
    private readonly List<(string Prefix, bool TopLevelOnly)> listedFolders;

    private BatchSnapshot(
        Dictionary<string, PostRecord> records,
        Lazy<Task<IReadOnlyDictionary<string, CachedSource>>> copies,
        Dictionary<string, DeployedPage> deployed,
        HashSet<string> listedArticles,
        List<(string Prefix, bool TopLevelOnly)> listedFolders)
    {
        this.records = records;
        this.copies = copies;
        this.deployed = deployed;
        this.listedArticles = listedArticles;
        this.listedFolders = listedFolders;
    }

    public static async Task<BatchSnapshot> ReadAsync(
        RepublishBatch batch, IReadOnlyList<PageKey> keys, SiteOptions site, IPostIndex index, ISourceCache cache, ISiteStore siteFiles, CancellationToken cancellationToken)
    {
        var pages = batch.Deployed.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var records = new Dictionary<string, PostRecord>(StringComparer.Ordinal);
        Task<IReadOnlyDictionary<string, CachedSource>> NoCopies() => Task.FromResult<IReadOnlyDictionary<string, CachedSource>>(new Dictionary<string, CachedSource>());
        var copies = new Lazy<Task<IReadOnlyDictionary<string, CachedSource>>>(NoCopies);
        var slugs = keys.OfType<PageKey.Article>().Select(a => a.Slug).Order(StringComparer.Ordinal).ToList();
        if (slugs.Count > 0)
        {
            var wanted = slugs.ToHashSet(StringComparer.Ordinal);
            foreach (var record in batch.Records.Where(r => wanted.Contains(r.Slug)))
            {
                records[record.Slug] = record;
            }

            // Records the job did not keep with the batch: one range query for them.
            if (slugs.Where(s => !records.ContainsKey(s)).ToList() is { Count: > 0 } missing)
            {
                foreach (var record in await index.RangeAsync(missing[0], missing[^1], cancellationToken))
                {
                    if (wanted.Contains(record.Slug) && !records.ContainsKey(record.Slug))
                    {
                        records[record.Slug] = record;
                    }
                }
            }

            // Read when the first page is rendered: a batch whose pages are all right already reads none.
            copies = new Lazy<Task<IReadOnlyDictionary<string, CachedSource>>>(() => cache.RangeAsync(slugs[0], slugs[^1], cancellationToken));
        }

        // An article the job's listing did not show was not there; the same for a list page in a folder listed here.
        var listedArticles = batch.ArticlesListed
            ? records.Values.Select(r => site.ArticleFile(r.Slug, r.Date)).ToHashSet(StringComparer.Ordinal)
            : [];
        var listedFolders = new List<(string Prefix, bool TopLevelOnly)>();
        foreach (var (prefix, topLevelOnly) in ListFolders.Of(keys))
        {
            // The job kept the folder's files in the row with the articles: from its listing of the whole site (a file
            // missing was not there), or from what the last republish left (a file missing is merely not known).
            if (topLevelOnly ? batch.TopLevelKept : batch.FoldersKept)
            {
                if (batch.ArticlesListed)
                {
                    listedFolders.Add((prefix, topLevelOnly));
                }

                continue;
            }

            try
            {
                await foreach (var page in siteFiles.DeployedAsync(prefix, cancellationToken, topLevelOnly))
                {
                    pages[page.Path] = page;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A folder the storage cannot list (a file name it cannot list, left by an alias the old code allowed):
                // its pages are read on their own rather than the batch failing.
                continue;
            }

            listedFolders.Add((prefix, topLevelOnly));
        }

        return new BatchSnapshot(records, copies, pages, listedArticles, listedFolders) { SameRendering = batch.SameRendering };
    }

    /// <summary>The record as the batch read it, or null when the batch did not read it (then it is read on its own).</summary>
    public PostRecord? Record(string slug) => records.GetValueOrDefault(slug);

    public async Task<CachedSource?> CopyAsync(string slug) => (await copies.Value).GetValueOrDefault(slug);

    /// <summary>See <see cref="RepublishBatch.SameRendering"/>.</summary>
    public bool SameRendering { get; private init; }

    /// <summary>
    /// The page at <paramref name="path"/> as listed (<see cref="DeployedPage.Absent"/> when a listing showed it was not
    /// there), or null when nothing listed says (then it is read on its own).
    /// </summary>
    public DeployedPage? Deployed(string path) =>
        deployed.TryGetValue(path, out var page) ? page
        : listedArticles.Contains(path) || listedFolders.Any(f => path.StartsWith(f.Prefix, StringComparison.Ordinal) && (!f.TopLevelOnly || !path.AsSpan(f.Prefix.Length).Contains('/'))) ? DeployedPage.Absent(path)
        : null;
}
