using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Index;

/// <summary>The newest posts of a list. <see cref="Seq"/> grows with every change to the list.</summary>
public sealed record ListSlice(IReadOnlyList<PostSummary> Posts, int Count, long Seq);

/// <summary>A set of counted things, and a change counter that grows whenever any of them changes.</summary>
public sealed record Counted<T>(IReadOnlyList<T> Items, long Seq);

public sealed record TagCount(Tag Tag, int Count);

/// <summary>A post whose status changes by itself at <see cref="At"/>: it goes live or expires.</summary>
public sealed record ScheduledChange(string Slug, DateTimeOffset At);

public sealed record MonthCount(int Year, int Month, int Count, DateTimeOffset LastModified);

/// <summary>What saving a record changed in the index, for the publish plan.</summary>
public sealed record IndexDelta
{
    /// <summary>The record before this save, or null for a new post.</summary>
    public PostRecord? Old { get; init; }

    /// <summary>The record as saved, with its version.</summary>
    public required PostRecord New { get; init; }

    /// <summary>True when the record itself changed.</summary>
    public bool RecordChanged { get; init; }

    /// <summary>Lists whose rows changed (a post added, removed or edited in them).</summary>
    public IReadOnlySet<PostList> ChangedLists { get; init; } = new HashSet<PostList>();

    /// <summary>Lists whose number of posts changed.</summary>
    public IReadOnlySet<PostList> RecountedLists { get; init; } = new HashSet<PostList>();
}
