namespace CovalentBond.Publishing.Posts;

/// <summary>Which files of a content folder or container are posts.</summary>
public static class SourceNames
{
    /// <summary>
    /// A Markdown post: <c>.md</c> or <c>.markdown</c> (Jekyll's other extension), and not a Hugo section page
    /// (<c>_index.md</c>), which describes a list rather than being a post.
    /// </summary>
    public static bool IsPost(string name) => IsMarkdown(name) && !IsSectionPage(name);

    public static bool IsMarkdown(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>Hugo's <c>_index.md</c>: the text of a section's list page, not a post.</summary>
    public static bool IsSectionPage(string name) =>
        string.Equals(Path.GetFileNameWithoutExtension(name.Replace('\\', '/').Split('/')[^1]), "_index", StringComparison.OrdinalIgnoreCase);
}
