using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>What the use cases keep of every change: the audit trail's entry and, for a new source, its revision.</summary>
public sealed class PostHistory(AuditRecorder audit, IRevisionStore revisions, TimeProvider clock)
{
    public AuditRecorder Audit => audit;

    /// <summary>Keeps an accepted version of a post's source, by <paramref name="caller"/>.</summary>
    public Task KeepRevisionAsync(string slug, ReadOnlyMemory<byte> content, string contentHash, Caller caller, string action, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        return revisions.SaveAsync(
            new PostRevision(slug, PostRevision.IdOf(at, contentHash), contentHash, at, Principal.Of(caller), action, content.Length), content, cancellationToken);
    }
}
