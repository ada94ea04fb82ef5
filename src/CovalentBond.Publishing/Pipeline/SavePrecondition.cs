namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// What an HTTP save expects of the post, so two editors' saves never cross: <c>If-Match</c> with the post's entity tag
/// for a change, <c>If-None-Match: *</c> for a new post. A change of an existing post with neither is refused (428).
/// </summary>
/// <param name="IfMatch">The entity tag the caller read (<see cref="Index.PostRecord.ETag"/>), or null.</param>
/// <param name="IfNoneMatchAny">True for <c>If-None-Match: *</c>: only a post that does not exist yet.</param>
public sealed record SavePrecondition(string? IfMatch, bool IfNoneMatchAny)
{
    /// <summary>Why the save may not go ahead on <paramref name="existing"/> (null when it may), and the status to answer.</summary>
    public (PublishStatus Status, string Reason)? RefusalFor(Index.PostRecord? existing)
    {
        var current = existing is { Status: not Index.PostStatus.Moved } ? existing : null;
        if (IfNoneMatchAny && current is not null)
        {
            return (PublishStatus.PreconditionFailed, $"'{current.Slug}' exists already ({Since(current)}); read it and send If-Match with its ETag");
        }

        if (IfMatch is null && !IfNoneMatchAny && current is not null)
        {
            return (PublishStatus.PreconditionRequired, $"'{current.Slug}' exists: send If-Match with the ETag you read (GET /api/posts/{current.Slug}), so no one's edit is overwritten unseen");
        }

        if (IfMatch is not null && IfMatch != "*" && (current is null || !string.Equals(IfMatch, current.ETag, StringComparison.Ordinal)))
        {
            return current is null
                ? (PublishStatus.PreconditionFailed, "the post does not exist (any more); save it as a new post")
                : (PublishStatus.PreconditionFailed, $"'{current.Slug}' changed since you read it: {Since(current)}; its ETag is now {current.ETag}");
        }

        return null;
    }

    /// <summary>"changed by Edda Editor at 2026-12-07 18:40:12Z".</summary>
    public static string Since(Index.PostRecord record) =>
        record.ChangedBy is { } by
            ? $"changed by {by.Name} at {record.ChangedAt?.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown time"}"
            : "changed before sign-in came, by someone unknown";
}
