using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>A post as it arrives: from HTTP, from a file on an author's disk, or from a blob already in the source container.</summary>
/// <param name="Content">The raw bytes of the Markdown file.</param>
/// <param name="FileName">The file or blob name; gives the slug when the front matter has none.</param>
/// <param name="RequestedSlug">The slug the caller asked for (the URL of a PUT), or null.</param>
/// <param name="SourceAlreadyStored">
/// True when <paramref name="FileName"/> names a blob already in the source container (blob trigger): it is
/// the source and is not copied. Otherwise the publisher stores the source: under the file's name for a
/// file (as if it had been dropped into the container), as <c>{slug}.md</c> for an HTTP upload.
/// </param>
/// <param name="By">Who sends it: the use case checks what they may change and records them as the post's owner or last editor.</param>
public sealed record PostUpload(ReadOnlyMemory<byte> Content, Caller By, string? FileName = null, string? RequestedSlug = null, bool SourceAlreadyStored = false)
{
    /// <summary>
    /// What the caller says it saw (an HTTP <c>If-Match</c> / <c>If-None-Match: *</c>): the save goes ahead only if the
    /// post is still so. Null for a file or a blob drop, which overwrite as a storage write does.
    /// </summary>
    public SavePrecondition? Precondition { get; init; }

    /// <summary>What the audit trail and the revision call this save: <c>publish</c>, or <c>restore-revision</c>.</summary>
    public string Action { get; init; } = "publish";

    public static PostUpload FromHttp(ReadOnlyMemory<byte> content, string slug, Caller by) => new(content, by, RequestedSlug: slug);

    public static PostUpload FromFile(ReadOnlyMemory<byte> content, string fileName, Caller by) => new(content, by, FileName: fileName);

    /// <summary>
    /// The name a file is stored under in the source container: its file name, or for a page bundle
    /// (<c>…/alpha/index.md</c>, as Hugo writes posts with their pictures) the bundle's folder and the file
    /// (<c>alpha/index.md</c>), so two bundles never share a source.
    /// </summary>
    public static string SourceNameFor(string fileName)
    {
        var parts = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && Slug.IsBundleFile(parts[^1]) ? $"{parts[^2]}/{parts[^1]}" : parts[^1];
    }

    /// <param name="slug">The slug stored with the blob when the API or the CLI wrote it; null for a file dropped by hand.</param>
    public static PostUpload FromStoredSource(ReadOnlyMemory<byte> content, string blobName, Caller by, string? slug = null) =>
        new(content, by, FileName: blobName, RequestedSlug: slug, SourceAlreadyStored: true);
}
