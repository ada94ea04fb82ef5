using CovalentBond.Publishing.Authors;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// Brings the authors' lists in step with the posts that name them: a post indexed before author pages existed is in
/// no author's list until its record is saved again. A republish runs this before it renders the author pages.
/// </summary>
public static class AuthorLists
{
    /// <summary>
    /// For each author whose list holds fewer posts than the records name them in, saves those records again
    /// (unchanged: the index adds the rows they lack). One list read per author when nothing is missing.
    /// </summary>
    /// <returns>How many records were saved again.</returns>
    public static async Task<int> CompleteAsync(IPostIndex index, IEnumerable<PostRecord> listed, CancellationToken cancellationToken)
    {
        var byAuthor = listed
            .SelectMany(r => AuthorName.Of(r.Author).Select(a => (a.Slug, Record: r)))
            .GroupBy(p => p.Slug, p => p.Record, StringComparer.Ordinal);
        var saved = 0;
        foreach (var author in byAuthor)
        {
            var records = author.ToList();
            if ((await index.ListAsync(PostList.Author(author.Key), 0, cancellationToken)).Count >= records.Count)
            {
                continue;
            }

            foreach (var record in records)
            {
                await index.SaveAsync(record, cancellationToken);
                saved++;
            }
        }

        return saved;
    }
}
