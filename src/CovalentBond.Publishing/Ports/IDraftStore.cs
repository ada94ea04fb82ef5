namespace CovalentBond.Publishing.Ports;

/// <summary>A person's unsaved text of a post, kept for them alone: never read by the pipeline, never published.</summary>
/// <param name="OwnerId">Whose it is (their object id).</param>
/// <param name="Slug">The post it is a draft of (a new one's slug, too).</param>
/// <param name="BaseETag">The ETag of the version it was written on (empty for a post not saved yet): a conflict shows against it.</param>
/// <param name="SavedAt">When it was kept.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record PostDraft(string OwnerId, string Slug, string BaseETag, DateTimeOffset SavedAt, long Length);

/// <summary>
/// The editor's autosave of edits that saving would publish (a published or scheduled post's): one private draft per
/// person and post, replaced by each save, removed when the edit is published or dropped.
/// </summary>
public interface IDraftStore
{
    Task SaveAsync(PostDraft draft, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The person's draft of the post and its text, or null.</summary>
    Task<(PostDraft Draft, byte[] Content)?> ReadAsync(string ownerId, string slug, CancellationToken cancellationToken = default);

    /// <summary>Removes the person's draft of the post; false when there was none.</summary>
    Task<bool> DeleteAsync(string ownerId, string slug, CancellationToken cancellationToken = default);
}
