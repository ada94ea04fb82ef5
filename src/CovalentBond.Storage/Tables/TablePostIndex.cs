using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Publishing;
using CovalentBond.Storage.Hosting;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// The post index in Azure Table Storage. Partition <c>post</c> holds one authoritative row per post
/// (row key = slug); partition <c>latest</c> holds one row per post whose row key sorts newest first,
/// so "the latest N" is one single-partition range read. See <c>docs/index.md</c>.
/// </summary>
public sealed class TablePostIndex(StorageProvisioner storage) : IPostIndex
{
    internal const string PostPartition = "post";
    internal const string LatestPartition = "latest";
    private const int MaxAttempts = 8;

    public async Task<IndexedPost?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = await storage.IndexTable.GetEntityIfExistsAsync<TableEntity>(PostPartition, slug, cancellationToken: cancellationToken);
        return row.HasValue ? ToPost(row.Value!) : null;
    }

    public async Task<IndexChange> SaveAsync(IndexedPost post, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var table = storage.IndexTable;

        // Optimistic concurrency: read the record with its ETag, then add (fails if someone else added
        // it) or replace (fails if someone else changed it), and start over on a conflict.
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(PostPartition, post.Slug, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await table.AddEntityAsync(ToRecordEntity(post), cancellationToken);
                    await table.UpsertEntityAsync(ToLatestEntity(post), TableUpdateMode.Replace, cancellationToken);
                    return IndexChange.Created;
                }

                var existingEntity = current.Value!;
                var existing = ToPost(existingEntity);
                if (existing.SameAs(post))
                {
                    // A repeated delivery; make sure the derived row is there (a crash may have cut the
                    // first delivery short) and change nothing else.
                    var latest = await table.GetEntityIfExistsAsync<TableEntity>(LatestPartition, LatestKey(post), cancellationToken: cancellationToken);
                    if (!latest.HasValue)
                    {
                        await table.UpsertEntityAsync(ToLatestEntity(post), TableUpdateMode.Replace, cancellationToken);
                    }

                    return IndexChange.Unchanged;
                }

                await table.UpdateEntityAsync(ToRecordEntity(post), existingEntity.ETag, TableUpdateMode.Replace, cancellationToken);
                if (LatestKey(existing) != LatestKey(post))
                {
                    await table.DeleteEntityAsync(LatestPartition, LatestKey(existing), ETag.All, cancellationToken);
                }

                await table.UpsertEntityAsync(ToLatestEntity(post), TableUpdateMode.Replace, cancellationToken);
                return IndexChange.Updated;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt + Random.Shared.Next(20)), cancellationToken);
            }
        }
    }

    public async IAsyncEnumerable<IndexedPost> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var row in storage.IndexTable.QueryAsync<TableEntity>(e => e.PartitionKey == PostPartition, cancellationToken: cancellationToken))
        {
            yield return ToPost(row);
        }
    }

    public async Task<IReadOnlyList<PostSummary>> LatestAsync(int count, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var result = new List<PostSummary>(count);
        if (count <= 0)
        {
            return result;
        }

        var query = storage.IndexTable.QueryAsync<TableEntity>(
            e => e.PartitionKey == LatestPartition, maxPerPage: Math.Min(count, 1000), cancellationToken: cancellationToken);
        await foreach (var row in query)
        {
            result.Add(new PostSummary(
                row.GetString("Slug"),
                row.GetString("Title"),
                row.GetString("Subtitle"),
                ParseDate(row.GetString("Date"))));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Row keys that sort newest first: inverted UTC ticks, then the slug to keep them unique.</summary>
    internal static string LatestKey(IndexedPost post) =>
        (DateTimeOffset.MaxValue.UtcTicks - post.Date.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + post.Slug;

    private static TableEntity ToRecordEntity(IndexedPost post) => new(PostPartition, post.Slug)
    {
        ["Title"] = post.Title,
        ["Subtitle"] = post.Subtitle,
        ["Author"] = post.Author,
        ["Date"] = FormatDate(post.Date),
        ["DateUtc"] = post.Date.UtcDateTime,
        ["Tags"] = JsonSerializer.Serialize(post.Tags.Select(t => t.Name)),
        ["SourceName"] = post.SourceName,
        ["ContentHash"] = post.ContentHash,
    };

    private static TableEntity ToLatestEntity(IndexedPost post) => new(LatestPartition, LatestKey(post))
    {
        ["Slug"] = post.Slug,
        ["Title"] = post.Title,
        ["Subtitle"] = post.Subtitle,
        ["Date"] = FormatDate(post.Date),
    };

    private static IndexedPost ToPost(TableEntity row) => new()
    {
        Slug = row.RowKey,
        Title = row.GetString("Title"),
        Subtitle = row.GetString("Subtitle"),
        Author = row.GetString("Author"),
        Date = ParseDate(row.GetString("Date")),
        Tags = (JsonSerializer.Deserialize<List<string>>(row.GetString("Tags") ?? "[]") ?? [])
            .Select(Tag.From).OfType<Tag>().ToList(),
        SourceName = row.GetString("SourceName"),
        ContentHash = row.GetString("ContentHash"),
    };

    // Dates keep the offset the author wrote, so a page shows the same local date after a round trip.
    private static string FormatDate(DateTimeOffset date) => date.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
