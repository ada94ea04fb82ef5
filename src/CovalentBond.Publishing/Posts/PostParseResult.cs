namespace CovalentBond.Publishing.Posts;

/// <summary>The outcome of reading a post: the post, or every problem found in it.</summary>
public sealed record PostParseResult(Post? Post, IReadOnlyList<PostProblem> Problems)
{
    public bool IsValid => Post is not null && Problems.Count == 0;

    public static PostParseResult Valid(Post post) => new(post, []);

    public static PostParseResult Invalid(IReadOnlyList<PostProblem> problems) => new(null, problems);

    public static PostParseResult Invalid(PostProblem problem) => new(null, [problem]);
}
