using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Drafts in memory, for the fast lane (the contract suite holds it to the blob store).</summary>
public sealed class InMemoryDraftStore : IDraftStore
{
    private readonly Dictionary<(string Owner, string Slug), (PostDraft Draft, byte[] Content)> drafts = [];

    public Task SaveAsync(PostDraft draft, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        lock (drafts)
        {
            drafts[(draft.OwnerId, draft.Slug)] = (draft with { Length = content.Length }, content.ToArray());
        }

        return Task.CompletedTask;
    }

    public Task<(PostDraft Draft, byte[] Content)?> ReadAsync(string ownerId, string slug, CancellationToken cancellationToken = default)
    {
        lock (drafts)
        {
            return Task.FromResult<(PostDraft, byte[])?>(drafts.TryGetValue((ownerId, slug), out var found) ? (found.Draft, found.Content.ToArray()) : null);
        }
    }

    public Task<bool> DeleteAsync(string ownerId, string slug, CancellationToken cancellationToken = default)
    {
        lock (drafts)
        {
            return Task.FromResult(drafts.Remove((ownerId, slug)));
        }
    }
}
