namespace CovalentBond.Publishing.Publishing;

/// <summary>A post as it arrives, from HTTP or from a blob dropped into the source container.</summary>
/// <param name="Content">The raw bytes of the Markdown file.</param>
/// <param name="RequestedSlug">The slug the caller asked for (the URL of a PUT), or null.</param>
/// <param name="SourceName">
/// The name of a source blob that is already stored (blob trigger), or null when the publisher must store
/// the source itself as <c>{slug}.md</c>.
/// </param>
public sealed record PostUpload(ReadOnlyMemory<byte> Content, string? RequestedSlug = null, string? SourceName = null)
{
    public static PostUpload FromHttp(ReadOnlyMemory<byte> content, string slug) => new(content, RequestedSlug: slug);

    public static PostUpload FromStoredSource(ReadOnlyMemory<byte> content, string sourceName) => new(content, SourceName: sourceName);
}
