using CovalentBond.Publishing.Posts;

namespace CovalentBond.Publishing.Tests.Posts;

public sealed class SlugTests
{
    [Theory]
    [InlineData("2025-05-20-istanbul-talks.md", "istanbul-talks")]
    [InlineData("posts/Peace Pause on Hold.md", "peace-pause-on-hold")]
    [InlineData("../../etc/passwd.md", "passwd")]
    [InlineData("Čačak i Niš.md", "cacak-i-nis")]
    public void File_names_give_safe_slugs(string fileName, string expected) =>
        Assert.Equal(expected, Slug.FromFileName(fileName));

    [Theory]
    [InlineData("Türkiye", "turkiye")]
    [InlineData("TÜRKİYE", "turkiye")]
    [InlineData("Işık", "isik")]
    [InlineData("Straße", "strasse")]
    [InlineData("Україна", "ukrayina")]
    [InlineData("Ελλάδα", "ellada")]
    [InlineData("Łódź", "lodz")]
    public void Tags_get_readable_ascii_slugs(string name, string expected) =>
        Assert.Equal(expected, Tag.From(name)!.Slug);

    [Fact]
    public void Scripts_without_transliteration_get_distinct_valid_slugs()
    {
        var china = Tag.From("中国")!.Slug;
        var japan = Tag.From("日本")!.Slug;

        Assert.True(Slug.IsValid(china), china);
        Assert.True(Slug.IsValid(japan), japan);
        Assert.NotEqual(china, japan);
        Assert.Equal(china, Tag.From(" 中国 ")!.Slug);
    }

    [Theory]
    [InlineData("istanbul-talks", true)]
    [InlineData("a", true)]
    [InlineData("Istanbul", false)]
    [InlineData("a--b", false)]
    [InlineData("-a", false)]
    [InlineData("a/b", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    public void Only_lowercase_letters_digits_and_single_dashes_are_valid(string slug, bool valid) =>
        Assert.Equal(valid, Slug.IsValid(slug));

    [Fact]
    public void Long_titles_are_cut_at_a_word_boundary()
    {
        var slug = Slug.FromTitle(string.Join(' ', Enumerable.Repeat("word", 40)))!;

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.True(Slug.IsValid(slug), slug);
        Assert.EndsWith("word", slug, StringComparison.Ordinal);
    }
}
