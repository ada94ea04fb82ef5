using CovalentBond.Publishing.Pipeline;

namespace CovalentBond.Publishing.Tests.Posts;

/// <summary>An Editor's "approve for a time" sets the date in the front matter's own syntax and changes nothing else.</summary>
public sealed class FrontMatterDateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 9, 8, 0, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData("---\ntitle: A\ndate: 2025-06-01\ntags: [x]\n---\nBody\ndate: not this one\n", "---\ntitle: A\ndate: 2026-12-09T08:00:00+01:00\ntags: [x]\n---\nBody\ndate: not this one\n")]
    [InlineData("---\ntitle: A\n---\nBody\n", "---\ndate: 2026-12-09T08:00:00+01:00\ntitle: A\n---\nBody\n")]
    [InlineData("---\r\ntitle: A\r\ndate: 2025-06-01\r\n---\r\nBody\r\n", "---\r\ntitle: A\r\ndate: 2026-12-09T08:00:00+01:00\r\n---\r\nBody\r\n")]
    [InlineData("+++\ntitle = \"A\"\ndate = 2025-06-01T10:00:00Z\n+++\nBody\n", "+++\ntitle = \"A\"\ndate = 2026-12-09T08:00:00+01:00\n+++\nBody\n")]
    [InlineData("{\n  \"title\": \"A\",\n  \"date\": \"2025-06-01\",\n  \"tags\": []\n}\nBody\n", "{\n  \"title\": \"A\",\n  \"date\": \"2026-12-09T08:00:00+01:00\",\n  \"tags\": []\n}\nBody\n")]
    [InlineData("{\n  \"title\": \"A\",\n  \"date\": \"2025-06-01\"\n}\nBody\n", "{\n  \"title\": \"A\",\n  \"date\": \"2026-12-09T08:00:00+01:00\"\n}\nBody\n")]
    public void The_date_is_set_in_the_front_matters_own_syntax_and_nothing_else_changes(string source, string expected) =>
        Assert.Equal(expected, FrontMatterDate.With(source, At));

    [Theory]
    [InlineData("No front matter at all.\n")]
    [InlineData("---\ntitle: never closed\n")]
    public void A_source_without_front_matter_to_set_it_in_gets_null(string source) =>
        Assert.Null(FrontMatterDate.With(source, At));
}
