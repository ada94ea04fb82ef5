namespace CovalentBond.Publishing.Posts;

/// <summary>One thing wrong with an uploaded post, with the line and front matter field it concerns.</summary>
/// <param name="Line">1-based line in the source file, or null when the problem is the file as a whole.</param>
/// <param name="Field">The front matter field, or null when the problem is not about one field.</param>
/// <param name="Message">What is wrong, in words an author understands.</param>
public sealed record PostProblem(int? Line, string? Field, string Message)
{
    /// <summary>"line 3: date: 'yesterday' is not a date".</summary>
    public override string ToString()
    {
        var prefix = Line is { } line ? $"line {line}: " : string.Empty;
        var field = Field is null ? string.Empty : $"{Field}: ";
        return prefix + field + Message;
    }

    /// <summary><c>file:line: field: message</c>, the form editors and CI logs understand.</summary>
    public string In(string fileName)
    {
        var field = Field is null ? string.Empty : $"{Field}: ";
        return $"{fileName}:{Line ?? 1}: {field}{Message}";
    }

    /// <summary>An error no check foresaw while <paramref name="doing"/> a post: the post's problem, never the whole run's.</summary>
    public static PostProblem Unexpected(string doing, Exception error) =>
        new(null, null, $"an unexpected error while {doing} this post ({error.GetType().Name}: {error.Message}); the rest of the site goes on. This is a bug: please report it with the file");
}
