using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// The newest rows of a list, kept in the list's counter row and changed in the same transaction as the
/// rows themselves, so that "the latest N" (N ≤ <see cref="Size"/>) is one point read, not a query.
/// Invariant: the head holds exactly the first min(count, Size) rows of the list, in row-key order.
/// </summary>
internal static class ListHead
{
    /// <summary>How many rows the head keeps: enough for the home page, a tag page and the news sitemap.</summary>
    public const int Size = 100;

    // A table string property holds at most 32K UTF-16 characters: the head is split across properties.
    private const int ChunkChars = 30_000;
    private const string ChunkPrefix = "Head";

    /// <summary>One row of a list, as the head keeps it.</summary>
    public sealed record Entry(string RowKey, string[] Fields)
    {
        public PostSummary Summary => IndexEntities.SummaryOf(Fields);

        public static Entry Of(TableEntity row) => new(row.RowKey, IndexEntities.FieldsOf(row));
    }

    /// <summary>The head a counter holds, or null for a counter written before heads existed.</summary>
    public static IReadOnlyList<Entry>? Read(TableEntity counter)
    {
        if (!counter.TryGetValue(ChunkPrefix + "Chunks", out var chunksValue) || chunksValue is not int chunks)
        {
            return null;
        }

        var json = string.Concat(Enumerable.Range(0, chunks).Select(i => counter.GetString(ChunkPrefix + i)));
        return (JsonSerializer.Deserialize<List<string[]>>(json) ?? [])
            .Select(fields => new Entry(fields[0], fields[1..]))
            .ToList();
    }

    public static void Write(TableEntity counter, IReadOnlyList<Entry>? head)
    {
        if (head is null)
        {
            return;
        }

        var json = JsonSerializer.Serialize(head.Select(e => (string[])[e.RowKey, .. e.Fields]));
        var chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        for (var i = 0; i < chunks; i++)
        {
            counter[ChunkPrefix + i] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }

        counter[ChunkPrefix + "Chunks"] = chunks;
    }
}
