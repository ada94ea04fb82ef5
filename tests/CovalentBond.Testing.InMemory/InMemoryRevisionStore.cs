using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Revisions in memory, for the fast lane (the contract suite holds it to the blob store).</summary>
public sealed class InMemoryRevisionStore : IRevisionStore
{
    private readonly Dictionary<(string Slug, string Id), (PostRevision Revision, byte[] Content)> revisions = [];

    public Task SaveAsync(PostRevision revision, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        lock (revisions)
        {
            revisions.TryAdd((revision.Slug, revision.Id), (revision, content.ToArray()));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PostRevision>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        lock (revisions)
        {
            return Task.FromResult<IReadOnlyList<PostRevision>>(
                revisions.Values.Select(r => r.Revision).Where(r => r.Slug == slug).OrderByDescending(r => r.Id, StringComparer.Ordinal).ToList());
        }
    }

    public Task<(PostRevision Revision, byte[] Content)?> ReadAsync(string slug, string id, CancellationToken cancellationToken = default)
    {
        lock (revisions)
        {
            return Task.FromResult<(PostRevision, byte[])?>(revisions.TryGetValue((slug, id), out var found) ? (found.Revision, found.Content.ToArray()) : null);
        }
    }
}
