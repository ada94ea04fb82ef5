using System.Net;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Identity;

/// <summary>
/// Edits never cross: a save names the version it changed (<c>If-Match</c>), a stale one gets 412 naming who changed the
/// post since and when, and every accepted version is a revision that can be listed, diffed and restored.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class EditConflictTests(AzuriteFixture azurite) : SignedInApiTests(azurite)
{
    private static async Task<string> ETagAsync(HttpClient client, string slug)
    {
        using var response = await client.GetAsync($"api/posts/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string slug, string body, string? ifMatch, bool create = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/posts/{slug}") { Content = SignedInApi.Markdown("Budget vote") };
        request.Content = new StringContent($"---\ntitle: Budget vote\ndate: 2025-06-01\n---\n{body}\n", System.Text.Encoding.UTF8, "text/markdown");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (create)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Two_editors_saving_the_same_version_the_second_gets_412_naming_the_first_and_the_revisions_keep_both()
    {
        using var ana = Api.ClientOf(SignedInApi.Author);
        using var edda = Api.ClientOf(SignedInApi.Editor);
        using var emil = Api.ClientOf(SignedInApi.SecondEditor);
        using (var created = await SaveAsync(ana, "budget", "Ana wrote the first draft.", null, create: true))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var again = await SaveAsync(ana, "budget", "Created twice?", null, create: true))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        }

        // Both editors open the same version.
        var seen = await ETagAsync(edda, "budget");
        Assert.Equal(seen, await ETagAsync(emil, "budget"));

        using (var first = await SaveAsync(edda, "budget", "Edda edited it.", seen))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await SaveAsync(emil, "budget", "Emil edited it.", seen))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
            var detail = (await JsonAsync(second)).GetProperty("detail").GetString();
            Assert.Contains("changed by Edda Editor at 20", detail, StringComparison.Ordinal);
        }

        Assert.Contains("Edda edited it.", await Api.Host.ReadSiteTextAsync("posts/budget/index.html") ?? "", StringComparison.Ordinal);

        // A save that names no version is refused, not taken as an overwrite.
        using (var blind = await SaveAsync(emil, "budget", "Emil, blind.", null))
        {
            Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        }

        // Emil reads Edda's version and saves his on top: nothing is lost, every version is a revision with its author.
        using (var retried = await SaveAsync(emil, "budget", "Edda edited it.\n\nEmil added this.", await ETagAsync(emil, "budget")))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        using var list = await edda.GetAsync("api/posts/budget/revisions");
        var revisions = (await JsonAsync(list)).GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(["Emil Editor", "Edda Editor", "Ana Author"], revisions.Select(r => r.GetProperty("by").GetProperty("name").GetString()));
        var ids = revisions.Select(r => r.GetProperty("id").GetString()!).ToList();

        using var diff = await edda.GetAsync($"api/posts/budget/revisions/{ids[0]}?against={ids[2]}");
        var text = (await JsonAsync(diff)).GetProperty("diff").GetString()!;
        Assert.Contains("-Ana wrote the first draft.", text, StringComparison.Ordinal);
        Assert.Contains("+Edda edited it.", text, StringComparison.Ordinal);
        Assert.Contains("+Emil added this.", text, StringComparison.Ordinal);
        Assert.Contains(" title: Budget vote", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saves_from_the_same_version_at_the_same_moment_one_wins_and_the_other_writes_nothing()
    {
        using var edda = Api.ClientOf(SignedInApi.Editor);
        using var emil = Api.ClientOf(SignedInApi.SecondEditor);
        using (var created = await SaveAsync(edda, "race", "The original.", null, create: true))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        for (var round = 0; round < 5; round++)
        {
            var seen = await ETagAsync(edda, "race");
            var saves = await Task.WhenAll(SaveAsync(edda, "race", $"Edda, round {round}.", seen), SaveAsync(emil, "race", $"Emil, round {round}.", seen));

            var statuses = saves.Select(s => s.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);
            var winner = saves[0].StatusCode == HttpStatusCode.OK ? "Edda" : "Emil";
            Assert.Contains($"{winner}, round {round}.", await Api.Host.ReadSiteTextAsync("posts/race/index.html") ?? "", StringComparison.Ordinal);
            foreach (var save in saves)
            {
                save.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_revision_restored_is_a_new_revision_by_whoever_restored_it_and_only_an_owner_or_editor_may()
    {
        using var ana = Api.ClientOf(SignedInApi.Author);
        using var boris = Api.ClientOf(SignedInApi.OtherAuthor);
        using var edda = Api.ClientOf(SignedInApi.Editor);
        using (await SaveAsync(ana, "restored", "The first version.", null, create: true))
        {
        }

        using (await SaveAsync(edda, "restored", "A bad edit.", await ETagAsync(edda, "restored")))
        {
        }

        using var listed = await ana.GetAsync("api/posts/restored/revisions");
        var first = (await JsonAsync(listed)).GetProperty("revisions").EnumerateArray().Last().GetProperty("id").GetString();

        using (var refused = await boris.PostAsync($"api/posts/restored/revisions/{first}/restore", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var restored = await ana.PostAsync($"api/posts/restored/revisions/{first}/restore", null))
        {
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        Assert.Contains("The first version.", await Api.Host.ReadSiteTextAsync("posts/restored/index.html") ?? "", StringComparison.Ordinal);
        using var after = await edda.GetAsync("api/posts/restored/revisions");
        var newest = (await JsonAsync(after)).GetProperty("revisions").EnumerateArray().First();
        Assert.Equal("restore-revision", newest.GetProperty("action").GetString());
        Assert.Equal("Ana Author", newest.GetProperty("by").GetProperty("name").GetString());
        Assert.Equal(3, (await JsonAsync(after)).GetProperty("revisions").GetArrayLength());

        using (var unknown = await edda.GetAsync("api/posts/restored/revisions/..%2F..%2Fsecret"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Fact]
    public async Task An_unpublish_that_names_a_stale_version_is_412_and_one_that_names_the_current_goes_ahead()
    {
        using var edda = Api.ClientOf(SignedInApi.Editor);
        using (await SaveAsync(edda, "withdrawn", "First.", null, create: true))
        {
        }

        var stale = await ETagAsync(edda, "withdrawn");
        using (await SaveAsync(edda, "withdrawn", "Second.", stale))
        {
        }

        using var staleRequest = new HttpRequestMessage(HttpMethod.Post, "api/posts/withdrawn/unpublish");
        staleRequest.Headers.TryAddWithoutValidation("If-Match", stale);
        using (var refused = await edda.SendAsync(staleRequest))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        }

        Assert.NotNull(await Api.Host.ReadSiteTextAsync("posts/withdrawn/index.html"));
        using var current = new HttpRequestMessage(HttpMethod.Post, "api/posts/withdrawn/unpublish");
        current.Headers.TryAddWithoutValidation("If-Match", await ETagAsync(edda, "withdrawn"));
        using (var done = await edda.SendAsync(current))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
    }
}
