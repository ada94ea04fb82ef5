using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// Site files (path, ETag, version, hash) kept in a job row as JSON: in one string property when they fit (a table
/// property holds at most 64 KiB, 32,768 UTF-16 characters), else spread over <c>Name</c>, <c>Name2</c>, … up to
/// <see cref="MaxColumns"/> of them. A batch of list pages keeps two or three files a page (a tag's page and feeds, a
/// month's page and sitemap), more than one property holds at 100 pages.
/// </summary>
internal static class PageColumns
{
    private const int ColumnChars = 30_000;

    /// <summary>At most 240,000 characters, under half of the 1 MiB a row may hold, for the row's other properties.</summary>
    internal const int MaxColumns = 8;

    /// <summary>The property names <paramref name="name"/> may use, to select them.</summary>
    public static IEnumerable<string> Names(string name) => Enumerable.Range(1, MaxColumns).Select(i => Column(name, i));

    /// <summary>
    /// Sets <paramref name="pages"/> on the row under <paramref name="name"/>; false (and nothing set) when they would not fit.
    /// </summary>
    public static bool Set(TableEntity row, string name, IReadOnlyList<DeployedPage> pages)
    {
        var json = JsonSerializer.Serialize(pages);
        if (json.Length > ColumnChars * MaxColumns)
        {
            return false;
        }

        var (start, column) = (0, 1);
        do
        {
            // Never between the two halves of a surrogate pair (the serializer escapes them, but a column must stand alone).
            var length = Math.Min(ColumnChars, json.Length - start);
            if (length < json.Length - start && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            row[Column(name, column++)] = json.Substring(start, length);
            start += length;
        }
        while (start < json.Length);

        return true;
    }

    /// <summary>The pages set under <paramref name="name"/>, or null when the row has none.</summary>
    public static List<DeployedPage>? Get(TableEntity row, string name)
    {
        if (row.GetString(name) is not { Length: > 0 } first)
        {
            return null;
        }

        var json = new System.Text.StringBuilder(first);
        for (var column = 2; column <= MaxColumns && row.GetString(Column(name, column)) is { Length: > 0 } more; column++)
        {
            json.Append(more);
        }

        return JsonSerializer.Deserialize<List<DeployedPage>>(json.ToString()) ?? [];
    }

    private static string Column(string name, int column) => column == 1 ? name : name + column.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
