using System.Text;
using System.Text.Json;
using CovalentBond.Publishing;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Cli.Import;

/// <summary>
/// Writes imported posts into a folder that <c>covalent build</c> and <c>publish</c> take as it is: a page bundle
/// per post (<c>{date}-{slug}/index.md</c> and its files), each old address an alias. Safe to run again: a file is
/// written only when its content changes, and a file someone edited since the last import (its bytes differ from
/// what the import wrote, by the manifest <see cref="ManifestName"/>) is kept and reported.
/// </summary>
internal sealed class ImportWriter(string outFolder, PostPreparer preparer, Publishing.Site.SiteOptions site)
{
    public const string ManifestName = ".covalent-import.json";
    public const string ReportName = "import-report.txt";

    public async Task<ImportReport> WriteAsync(ImportSource source, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outFolder);
        var manifestPath = Path.Combine(outFolder, ManifestName);
        var previous = File.Exists(manifestPath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(manifestPath, cancellationToken)) ?? []
            : [];
        var written = new Dictionary<string, string>(previous, StringComparer.Ordinal);
        var report = new ImportReport(source.Kind, source.Skipped);
        var names = new HashSet<string>(StringComparer.Ordinal);

        foreach (var post in source.Posts)
        {
            var name = UniqueName(post.Name, names);
            var fields = post.Fields.ToList();
            var aliases = ImportFields.GetList(fields, "aliases");
            if (post.OldUrl is { } old && !aliases.Contains(old, StringComparer.Ordinal))
            {
                aliases.Add(old);
            }

            JekyllImporter.WithAliases(fields, aliases);
            var text = SourceFrontMatter.Write(fields, post.Body);
            var entry = new ImportReport.Entry(post.Origin, $"{name}/index.md", post.OldUrl, [.. post.Notes]);
            var outputs = new List<(string Path, byte[] Bytes)> { ($"{name}/index.md", Encoding.UTF8.GetBytes(text)) };
            foreach (var (fileName, from) in post.Files)
            {
                outputs.Add(($"{name}/{fileName}", await File.ReadAllBytesAsync(from, cancellationToken)));
            }

            foreach (var (path, bytes) in outputs)
            {
                var outcome = await WriteFileAsync(path, bytes, previous, cancellationToken);
                report.Count(outcome);
                if (outcome == FileOutcome.Kept)
                {
                    entry.Notes.Add($"{path} was edited since the last import: kept as it is");
                }
                else
                {
                    written[path] = Hash(bytes);
                }
            }

            // What the site will make of it, as build and publish read it.
            var stored = await File.ReadAllBytesAsync(Path.Combine(outFolder, name, "index.md"), cancellationToken);
            var preparation = preparer.Prepare(stored, $"{name}/index.md");
            if (preparation.Prepared is { } prepared)
            {
                entry.Slug = site.Articles.SlugOf(prepared.Post.Slug);
                entry.Date = prepared.Post.Date;
                // Files beside the post are images the build processes: "not uploaded yet" does not apply to them.
                entry.Notes.AddRange(prepared.Warnings
                    .Where(w => !(w.Message.Contains("is not uploaded yet", StringComparison.Ordinal) && post.Files.Keys.Any(f => w.Message.StartsWith($"'{f}'", StringComparison.Ordinal))))
                    .Select(w => $"warning: {w}"));
            }
            else
            {
                entry.Notes.AddRange(preparation.Problems.Select(p => $"problem (the site refuses it until fixed): {p}"));
            }

            report.Posts.Add(entry);
        }

        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(new SortedDictionary<string, string>(written, StringComparer.Ordinal)), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outFolder, ReportName), report.ToText(), cancellationToken);
        return report;
    }

    private async Task<FileOutcome> WriteFileAsync(string path, byte[] bytes, Dictionary<string, string> previous, CancellationToken cancellationToken)
    {
        var full = Path.Combine(outFolder, path);
        var hash = Hash(bytes);
        if (File.Exists(full))
        {
            var onDisk = Hash(await File.ReadAllBytesAsync(full, cancellationToken));
            if (onDisk == hash)
            {
                return FileOutcome.Unchanged;
            }

            if (!previous.TryGetValue(path, out var ours) || ours != onDisk)
            {
                return FileOutcome.Kept;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".importing";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, full, overwrite: true);
        return FileOutcome.Written;
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')).Trim('-', '.');
        safe = safe.Length == 0 ? "post" : safe;
        var unique = safe;
        for (var i = 2; !taken.Add(unique); i++)
        {
            unique = $"{safe}-{i}";
        }

        return unique;
    }

    private static string Hash(byte[] bytes) => ContentHash.Of(bytes);
}

internal enum FileOutcome
{
    Written,
    Unchanged,
    Kept,
}

/// <summary>What an import did, post by post, and what needs a person's look: written as <see cref="ImportWriter.ReportName"/>.</summary>
internal sealed class ImportReport(string kind, IReadOnlyList<string> skipped)
{
    public sealed record Entry(string Origin, string File, string? OldUrl, List<string> Notes)
    {
        public string? Slug { get; set; }

        public DateTimeOffset? Date { get; set; }
    }

    public string Kind => kind;

    public List<Entry> Posts { get; } = [];

    public IReadOnlyList<string> Skipped => skipped;

    public int Written { get; private set; }

    public int Unchanged { get; private set; }

    public int Kept { get; private set; }

    public int Refused => Posts.Count(p => p.Slug is null);

    public int NeedALook => Posts.Count(p => p.Notes.Count > 0);

    /// <summary>The Site:Permalink under which every post's old address is its own address, when there is one.</summary>
    public string? Permalink => OldAddresses.CommonPattern(
        Posts.Where(p => p.Slug is not null && p.OldUrl is not null).Select(p => (p.OldUrl!, p.Slug!, p.Date!.Value)));

    public void Count(FileOutcome outcome)
    {
        switch (outcome)
        {
            case FileOutcome.Written: Written++; break;
            case FileOutcome.Unchanged: Unchanged++; break;
            default: Kept++; break;
        }
    }

    public string Summary =>
        $"{kind}: {Posts.Count} {(Posts.Count == 1 ? "post" : "posts")} imported ({Refused} the site would refuse, {NeedALook} to look at), {Skipped.Count} skipped; " +
        $"files: {Written} written, {Unchanged} unchanged, {Kept} kept (edited since the last import)";

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine("Covalent Bond import report").AppendLine(Summary).AppendLine();
        text.AppendLine(Permalink is { } pattern
            ? $"Every post's old address fits Site:Permalink = {pattern}: set it and the old addresses stay the posts' own (each is also an alias, which then does nothing)."
            : "The old addresses follow no single Site:Permalink: each is an alias of its post, which redirects there.");
        text.AppendLine();
        foreach (var post in Posts)
        {
            text.AppendLine($"{post.Origin} -> {post.File}{(post.OldUrl is null ? string.Empty : $"  (old address {post.OldUrl})")}");
            foreach (var note in post.Notes)
            {
                text.AppendLine($"    {note}");
            }
        }

        if (Skipped.Count > 0)
        {
            text.AppendLine().AppendLine("Skipped:");
            foreach (var line in Skipped)
            {
                text.AppendLine($"    {line}");
            }
        }

        return text.ToString();
    }
}
