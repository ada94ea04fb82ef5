using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Posts;
using static CovalentBond.Storage.Tables.TablePostIndex;

namespace CovalentBond.Storage.Tables;

/// <summary>
/// How the index's records and list rows are written as table entities and read back: the one place
/// that knows their property names and formats.
/// </summary>
internal static class IndexEntities
{
    private static readonly string[] ListFields = ["Slug", "Title", "Subtitle", "Author", "Date", "Modified", "Tags", "Version", "Hero"];

    internal static bool SameListRow(TableEntity stored, TableEntity wanted) =>
        ListFields.All(f => Equals(Field(stored, f), Field(wanted, f)));

    // A null property is not stored: one that is null here reads as absent, as it will from the table.
    private static string? Field(TableEntity entity, string name) =>
        entity.TryGetValue(name, out var value) && value is not null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    internal static TableEntity ToListEntity(Placement placement, PostRecord record) => new(placement.List.Key, placement.RowKey)
    {
        ["Slug"] = record.Slug,
        ["Title"] = record.Title,
        ["Subtitle"] = record.Subtitle,
        ["Author"] = record.Author,
        ["Date"] = FormatDate(record.Date),
        ["Modified"] = FormatDate(record.Modified),
        ["Tags"] = JsonSerializer.Serialize(record.Tags.Select(t => t.Name)),
        ["Version"] = record.Version,
        ["Hero"] = HeroJson(record.Hero),
    };

    /// <summary>The fields of a list row, in <see cref="ListFields"/> order, for the list head.</summary>
    internal static string[] FieldsOf(TableEntity row) => ListFields.Select(f => Field(row, f) ?? string.Empty).ToArray();

    /// <summary>A list row's summary from its fields as <see cref="FieldsOf"/> gives them.</summary>
    internal static PostSummary SummaryOf(string[] fields) =>
        new(fields[0], fields[1], NullIfEmpty(fields[2]), ParseDate(fields[4]))
        {
            Author = NullIfEmpty(fields[3]),
            Modified = ParseDate(fields[5]),
            Tags = ParseTags(fields[6]),
            Hero = fields.Length > 8 ? ParseHero(fields[8]) : null,
        };

    // The hero as lists and feeds need it (a processed image's sizes, ladder and formats), as JSON.
    private static string? HeroJson(Publishing.Media.MediaImage? hero) => hero is null ? null : JsonSerializer.Serialize(hero);

    private static Publishing.Media.MediaImage? ParseHero(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Publishing.Media.MediaImage>(json);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    internal static PostSummary ToSummary(TableEntity row) =>
        new(row.GetString("Slug"), row.GetString("Title"), row.GetString("Subtitle"), ParseDate(row.GetString("Date")))
        {
            Author = row.GetString("Author"),
            Modified = ParseDate(row.GetString("Modified")),
            Tags = ParseTags(row.GetString("Tags")),
            Hero = ParseHero(row.GetString("Hero")),
        };

    internal static TableEntity ToEntity(PostRecord record, IReadOnlySet<Placement> stale) => new(PostPartition, record.Slug)
    {
        ["Title"] = record.Title,
        ["Subtitle"] = record.Subtitle,
        ["Author"] = record.Author,
        ["Date"] = FormatDate(record.Date),
        ["Modified"] = FormatDate(record.Modified),
        ["DateUtc"] = record.Date.UtcDateTime,
        ["Tags"] = JsonSerializer.Serialize(record.Tags.Select(t => t.Name)),
        ["Aliases"] = JsonSerializer.Serialize(record.Aliases),
        ["Corrections"] = record.Corrections.Count == 0 ? null : JsonSerializer.Serialize(record.Corrections.Select(c => new[] { FormatDate(c.Date), c.Text })),
        ["SourceName"] = record.SourceName,
        ["ContentHash"] = record.ContentHash,
        ["MediaHash"] = record.MediaHash,
        ["Hero"] = HeroJson(record.Hero),
        ["Status"] = record.Status.ToString(),
        ["GoesLiveAt"] = FormatDate(record.GoesLiveAt),
        ["ExpiryDate"] = record.ExpiryDate is { } expiry ? FormatDate(expiry) : null,
        ["Version"] = record.Version,
        ["MovedTo"] = record.MovedTo,
        ["CreatedById"] = record.CreatedBy?.Id,
        ["CreatedByName"] = record.CreatedBy?.Name,
        ["ChangedById"] = record.ChangedBy?.Id,
        ["ChangedByName"] = record.ChangedBy?.Name,
        ["ReviewNote"] = record.ReviewNote,
        ["ChangedAt"] = record.ChangedAt is { } changedAt ? FormatDate(changedAt) : null,
        ["Stale"] = JsonSerializer.Serialize(stale.Select(p => new[] { p.List.Key, p.RowKey })),
    };

    internal static PostRecord ToRecord(TableEntity row) => new()
    {
        Slug = row.RowKey,
        Title = row.GetString("Title"),
        Subtitle = row.GetString("Subtitle"),
        Author = row.GetString("Author"),
        Date = ParseDate(row.GetString("Date")),
        Modified = ParseDate(row.GetString("Modified") ?? row.GetString("Date")),
        Tags = ParseTags(row.GetString("Tags")),
        Aliases = JsonSerializer.Deserialize<List<string>>(row.GetString("Aliases") ?? "[]") ?? [],
        Corrections = (JsonSerializer.Deserialize<List<string[]>>(row.GetString("Corrections") ?? "[]") ?? []).Select(c => new PostNote(ParseDate(c[0]), c[1])).ToList(),
        SourceName = row.GetString("SourceName"),
        ContentHash = row.GetString("ContentHash"),
        MediaHash = row.GetString("MediaHash"),
        Hero = ParseHero(row.GetString("Hero")),
        Status = Enum.Parse<PostStatus>(row.GetString("Status") ?? nameof(PostStatus.Published)),
        GoesLiveAt = ParseDate(row.GetString("GoesLiveAt") ?? row.GetString("Date")),
        ExpiryDate = row.GetString("ExpiryDate") is { } expiry ? ParseDate(expiry) : null,
        Version = row.GetInt64("Version") ?? 1,
        MovedTo = row.GetString("MovedTo"),
        CreatedBy = PrincipalOf(row, "CreatedBy"),
        ChangedBy = PrincipalOf(row, "ChangedBy"),
        ReviewNote = row.GetString("ReviewNote"),
        ChangedAt = row.GetString("ChangedAt") is { } changedAt ? ParseDate(changedAt) : null,
    };

    private static Principal? PrincipalOf(TableEntity row, string column) =>
        row.GetString(column + "Id") is { } id ? new Principal(id, row.GetString(column + "Name") ?? id) : null;

    internal static HashSet<Placement> ReadStale(TableEntity row) =>
        (JsonSerializer.Deserialize<List<string[]>>(row.GetString("Stale") ?? "[]") ?? [])
            .Select(p => new Placement(new PostList(p[0]), p[1]))
            .ToHashSet();

    private static List<Tag> ParseTags(string? json) =>
        (JsonSerializer.Deserialize<List<string>>(json ?? "[]") ?? []).Select(Tag.From).OfType<Tag>().ToList();

    // Dates keep the offset the author wrote, so a page shows the same local date after a round trip.
    internal static string FormatDate(DateTimeOffset date) => date.ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseDate(string? text) =>
        DateTimeOffset.ParseExact(text!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
