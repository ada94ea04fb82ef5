using System.Text;
using CovalentBond.Publishing.Authors;

namespace CovalentBond.Publishing.Tests.Authors;

/// <summary>
/// Profiles are files an operator uploads beside the theme: each bad one is named with its problem and left out, and
/// the good ones still count.
/// </summary>
public sealed class AuthorProfilesTests
{
    private const string Good = """{ "name": "Ana Author" }""";

    private static (AuthorProfiles Profiles, List<ProfileProblem> Problems) Read(params (string Name, string Json)[] files)
    {
        var problems = new List<ProfileProblem>();
        var profiles = AuthorProfiles.Read(files.Select(f => (f.Name, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Json))), problems);
        return (profiles, problems);
    }

    [Fact]
    public void A_profile_is_found_by_the_slug_of_a_byline_and_by_its_object_id()
    {
        var (profiles, problems) = Read(("ana.json", AuthorPagesTests.AnaProfile));

        Assert.Empty(problems);
        var ana = Assert.Single(profiles.All);
        Assert.Same(ana, profiles.Of(AuthorName.Of("ana  author".Replace("  ", " ", StringComparison.Ordinal))[0]));
        Assert.Same(ana, profiles.ByObjectId("0B0B0B0B-1111-2222-3333-444444444444"));
        Assert.Equal("ana-author", ana.Slug);
        Assert.Equal([new AuthorLink("Mastodon", "https://mastodon.example/@ana")], ana.Links);
    }

    [Theory]
    [InlineData("not json", "is not JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{ }", "has no name")]
    [InlineData("""{ "name": "" }""", "name is empty")]
    [InlineData("""{ "name": 42 }""", "name must be text")]
    [InlineData("""{ "name": "Ana", "nmae": "typo" }""", "unknown field 'nmae'")]
    [InlineData("""{ "name": "Ana, Boris" }""", "a comma and a space")]
    [InlineData("""{ "name": "!!!" }""", "no letters or digits")]
    [InlineData("""{ "name": "Ana\u0000" }""", "control characters")]
    [InlineData("""{ "name": "Ana", "photo": "javascript:alert(1)" }""", "photo 'javascript:alert(1)' must be")]
    [InlineData("""{ "name": "Ana", "photo": "//evil.example/x.jpg" }""", "photo '//evil.example/x.jpg' must be")]
    [InlineData("""{ "name": "Ana", "photo": "http://plain.example/x.jpg" }""", "must be a site address")]
    [InlineData("""{ "name": "Ana", "links": [ { "title": "x", "url": "javascript:alert(1)" } ] }""", "must be an https address")]
    [InlineData("""{ "name": "Ana", "links": [ { "title": "x", "url": "https://user:pw@evil.example/" } ] }""", "must be an https address")]
    [InlineData("""{ "name": "Ana", "links": [ { "url": "https://a.example/" } ] }""", "needs a title and a url")]
    [InlineData("""{ "name": "Ana", "links": "https://a.example/" }""", "links must be a list")]
    [InlineData("""{ "name": "Ana", "objectId": "ana" }""", "is not an Entra ID object id")]
    [InlineData("""{ "name": "Ana", "bio": { "deep": { "deeper": { "deepest": { "x": 1 } } } } }""", "is not JSON")]
    public void A_bad_profile_is_named_with_its_problem_and_left_out(string json, string problem)
    {
        var (profiles, problems) = Read(("bad.json", json), ("good.json", """{ "name": "Boris Brown" }"""));

        Assert.Contains(problems, p => p.FileName == "bad.json" && p.Message.Contains(problem, StringComparison.Ordinal));
        Assert.Equal(["Boris Brown"], profiles.All.Select(p => p.Name));
    }

    [Fact]
    public void Too_long_fields_and_files_are_refused_with_their_size()
    {
        var (_, problems) = Read(
            ("bio.json", $$"""{ "name": "Ana", "bio": "{{new string('x', AuthorProfiles.BioLength + 1)}}" }"""),
            ("huge.json", $$"""{ "name": "Ana", "bio": "{{new string('x', AuthorProfiles.MaxFileBytes)}}" }"""),
            ("links.json", $$"""{ "name": "Ana", "links": [{{string.Join(",", Enumerable.Repeat("""{ "title": "t", "url": "https://a.example/" }""", AuthorProfiles.MaxLinks + 1))}}] }"""));

        Assert.Contains(problems, p => p.FileName == "bio.json" && p.Message == "bio is 601 characters; at most 600 are allowed");
        Assert.Contains(problems, p => p.FileName == "huge.json" && p.Message.StartsWith("is 65,", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.FileName == "links.json" && p.Message.Contains("11 links", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_profiles_of_one_address_or_one_person_keep_the_first()
    {
        var (profiles, problems) = Read(
            ("a.json", """{ "name": "Ana Author", "objectId": "0b0b0b0b-1111-2222-3333-444444444444" }"""),
            ("b.json", """{ "name": "ANA AUTHOR" }"""),
            ("c.json", """{ "name": "Someone Else", "objectId": "0B0B0B0B-1111-2222-3333-444444444444" }"""));

        Assert.Equal(["Ana Author"], profiles.All.Select(p => p.Name));
        Assert.Contains(problems, p => p.FileName == "b.json" && p.Message.Contains("/authors/ana-author/, which a.json has already", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.FileName == "c.json" && p.Message.Contains("is a.json's already", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_of_any_profile_changes_the_theme_fingerprint_so_the_site_is_republished()
    {
        var one = Theme.Theme.Default.WithAuthors(Read(("a.json", Good)).Profiles);
        var same = Theme.Theme.Default.WithAuthors(Read(("a.json", Good)).Profiles);
        var other = Theme.Theme.Default.WithAuthors(Read(("a.json", """{ "name": "Ana Author", "bio": "New." }""")).Profiles);

        Assert.Equal(one.Fingerprint, same.Fingerprint);
        Assert.NotEqual(one.Fingerprint, other.Fingerprint);
        Assert.NotEqual(one.Fingerprint, Theme.Theme.Default.Fingerprint);
    }
}
