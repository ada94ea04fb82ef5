namespace CovalentBond.Publishing.Publishing;

/// <summary>A post as it arrives: from HTTP, from a file on an author's disk, or from a blob already in the source container.</summary>
/// <param name="Content">The raw bytes of the Markdown file.</param>
/// <param name="FileName">The file or blob name; gives the slug when the front matter has none.</param>
/// <param name="RequestedSlug">The slug the caller asked for (the URL of a PUT), or null.</param>
/// <param name="SourceAlreadyStored">
/// True when <paramref name="FileName"/> names a blob already in the source container (blob trigger): it is
/// the source and is not copied. Otherwise the publisher stores the source: under the file's name for a
/// file (as if it had been dropped into the container), as <c>{slug}.md</c> for an HTTP upload.
/// </param>
public sealed record PostUpload(ReadOnlyMemory<byte> Content, string? FileName = null, string? RequestedSlug = null, bool SourceAlreadyStored = false)
{
    public static PostUpload FromHttp(ReadOnlyMemory<byte> content, string slug) => new(content, RequestedSlug: slug);

    public static PostUpload FromFile(ReadOnlyMemory<byte> content, string fileName) => new(content, FileName: fileName);

    public static PostUpload FromStoredSource(ReadOnlyMemory<byte> content, string blobName) =>
        new(content, FileName: blobName, SourceAlreadyStored: true);
}
