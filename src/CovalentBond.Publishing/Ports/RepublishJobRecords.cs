namespace CovalentBond.Publishing.Ports;

/// <summary>One batch of a republish job, as a queue message names it.</summary>
/// <param name="JobId">The job it belongs to.</param>
/// <param name="Batch">Its number within the job, from 1.</param>
/// <param name="Fingerprint">The theme and settings the job renders with (<see cref="Republishing.SiteFingerprint"/>); null for any.</param>
public sealed record BatchMessage(string JobId, int Batch, string? Fingerprint = null);

/// <summary>Where a batch stands.</summary>
public enum BatchState
{
    /// <summary>Not yet done: queued, being worked on, or waiting for a retry.</summary>
    Pending,

    /// <summary>Every page of the batch is up to date.</summary>
    Done,

    /// <summary>Failed on every attempt; parked on the poison queue with the reason.</summary>
    Failed,
}

/// <summary>A batch of pages to bring up to date, with what happened to it so far.</summary>
public sealed record RepublishBatch
{
    public required string JobId { get; init; }

    public required int Number { get; init; }

    /// <summary>The page keys of the batch, as tokens (<see cref="Pipeline.PageKey.ToToken"/>).</summary>
    public required IReadOnlyList<string> Items { get; init; }

    /// <summary>The batch's article pages (and top-level files, see <see cref="ArticlesListed"/>) as the site held them when the job started (ETag, version, hash): compared instead of read page by page.</summary>
    public IReadOnlyList<DeployedPage> Deployed { get; init; } = [];

    /// <summary>
    /// The records of the batch's articles as the job read them when it planned (empty when they were not kept with the
    /// batch): the batch renders from them instead of reading them again. A post changed since is guarded by its
    /// version (a page is never written over one rendered from a newer record) and, withdrawn, by the listed ETag.
    /// </summary>
    public IReadOnlyList<Index.PostRecord> Records { get; init; } = [];

    /// <summary>
    /// Whether the job listed the whole site when it started and kept what the batch needs in <see cref="Deployed"/>: its
    /// articles, and the files at the site's top level when the batch holds the home page or the archives. An article
    /// page or a top-level file missing from it was not there.
    /// </summary>
    public bool ArticlesListed { get; init; }

    /// <summary>
    /// Whether <see cref="Deployed"/> holds the top-level files the job knew of (from its listing, or from what the last
    /// republish left): the batch of the home page or the archives then lists no folder with a delimiter. Without
    /// <see cref="ArticlesListed"/>, a file missing from it is merely not known, and is read on its own.
    /// </summary>
    public bool TopLevelKept { get; init; }

    /// <summary>
    /// Whether <see cref="Deployed"/> holds the files of the batch's list pages in their folders (tags, archives,
    /// sitemaps) that the job knew of, as for <see cref="TopLevelKept"/>: the batch then lists none of those folders.
    /// </summary>
    public bool FoldersKept { get; init; }

    /// <summary>
    /// Once done, the batch's article pages and list pages as it left them (ETag, version, hash), or null when
    /// it recorded none (too many to keep in its row): the next republish after a theme change compares with these
    /// instead of listing the site.
    /// </summary>
    public IReadOnlyList<DeployedPage>? Left { get; init; }

    /// <summary>
    /// Whether the job renders with the theme and settings of the last republish, which finished without failures: a
    /// page listed as rendered from the index state it would be rendered from now is then already right, and is not
    /// rendered again.
    /// </summary>
    public bool SameRendering { get; init; }

    /// <summary>The row's ETag when read from the job store: an update conditional on it needs no second read.</summary>
    public string? ETag { get; init; }

    public BatchState State { get; init; }

    public int Attempts { get; init; }

    /// <summary>Why the last attempt failed, for operators.</summary>
    public string? LastError { get; init; }

    /// <summary>How many site files the batch wrote or removed.</summary>
    public int Written { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>A republish job and its progress, counted in pages (items), not batches.</summary>
public sealed record RepublishStatus
{
    public required string JobId { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The theme and settings the job renders with (<see cref="Republishing.SiteFingerprint"/>).</summary>
    public string? Fingerprint { get; init; }

    public required int Total { get; init; }

    public int Done { get; init; }

    public int Failed { get; init; }

    public int Batches { get; init; }

    /// <summary>Site files written or removed so far.</summary>
    public int Written { get; init; }

    /// <summary>When the last batch finished, once every batch has.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Failed batches with their reasons.</summary>
    public IReadOnlyList<RepublishBatch> Failures { get; init; } = [];

    public bool IsFinished => Done + Failed == Total;

    public string State => !IsFinished ? "running" : Failed > 0 ? "finished with failures" : "finished";
}
