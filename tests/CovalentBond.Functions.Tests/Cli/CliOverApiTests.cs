using CovalentBond.Cli;
using CovalentBond.Functions.Tests.Identity;
using CovalentBond.Publishing.Identity;
using CovalentBond.Testing;

namespace CovalentBond.Functions.Tests.Cli;

/// <summary>
/// The CLI's <c>--api</c> mode against the app's real HTTP functions behind their gate (<see cref="ApiTestServer"/>), with
/// the caller's access token from <c>COVALENT_TOKEN</c>, issued by the local OpenID issuer.
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class CliOverApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("posts-").FullName;
    private SignedInApi api = null!;
    private string url = null!;

    public async Task InitializeAsync()
    {
        api = await SignedInApi.StartAsync(azurite);
        url = api.Server.Address.ToString();
        SignInAs(SignedInApi.Editor);
        Environment.SetEnvironmentVariable("COVALENT_CONFIG", Path.Combine(folder, "no-config.json"));
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("COVALENT_TOKEN", null);
        Environment.SetEnvironmentVariable("COVALENT_CONFIG", null);
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private FunctionsTestHost Host => api.Host;

    private void SignInAs((string Id, string Name, Role[] Roles) person) =>
        Environment.SetEnvironmentVariable("COVALENT_TOKEN", api.TokenOf(person));

    private static async Task<(int Exit, string Output, string Error)> CovalentAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Publish_over_the_API_reports_bad_posts_with_file_and_line_and_publishes_the_others()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "2025-05-17-good.md"), "---\ntitle: Good\ndate: 2025-05-17\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), "---\ntitle: Bad\ndate: someday\n---\nbody");

        var (exit, output, error) = await CovalentAsync("publish", folder, "--api", url);

        Assert.Equal(1, exit);
        Assert.Matches(@"bad\.md:3: date: 'someday' is not a date", error);
        Assert.Contains("created   /posts/good/", output, StringComparison.Ordinal);
        Assert.Contains("1 published, 1 failed", output, StringComparison.Ordinal);
        Assert.Contains("<h1>Good</h1>", await Host.ReadSiteTextAsync("posts/good/index.html"), StringComparison.Ordinal);

        var (deleted, deleteOutput, _) = await CovalentAsync("delete", "good", "--api", url);
        Assert.Equal(0, deleted);
        Assert.Contains("good: deleted", deleteOutput, StringComparison.Ordinal);
        var (restored, restoreOutput, _) = await CovalentAsync("restore", "good", "--api", url);
        Assert.Equal(0, restored);
        Assert.Contains("good: published", restoreOutput, StringComparison.Ordinal);

        var (listed, listOutput, _) = await CovalentAsync("list", "--api", url);
        Assert.Equal(0, listed);
        Assert.Matches(@"2025-05-17\s+good\s+published\s+Good", listOutput);
        var (shown, showOutput, _) = await CovalentAsync("show", "good", "--api", url, "--json");
        Assert.Equal(0, shown);
        Assert.Contains("\"url\": \"/posts/good/\"", showOutput, StringComparison.Ordinal);
        var (unknown, _, unknownError) = await CovalentAsync("show", "no-such-post", "--api", url);
        Assert.Equal(1, unknown);
        Assert.Contains("there is no post 'no-such-post'", unknownError, StringComparison.Ordinal);

        var (missing, _, missingError) = await CovalentAsync("unpublish", "no-such-post", "--api", url);
        Assert.Equal(1, missing);
        Assert.Contains("there is no post 'no-such-post'", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_signs_in_with_a_code_keeps_the_tokens_for_the_user_alone_renews_them_and_logout_forgets_them()
    {
        Environment.SetEnvironmentVariable("COVALENT_TOKEN", null);
        var (unsigned, _, unsignedError) = await CovalentAsync("list", "--api", url);
        Assert.NotEqual(0, unsigned);
        Assert.Contains($"sign-in is needed: run covalent login --api {url}", unsignedError, StringComparison.Ordinal);

        // The person enters the code the terminal shows at the issuer's page, and signs in there as an Author.
        var login = CovalentAsync("login", "--api", url, "--authority", api.Issuer.Authority, "--client-id", "covalent-cli", "--scope", SignedInApi.Audience + "/.default");
        var code = await WaitForCodeAsync();
        Assert.True(api.Issuer.DeviceSignIn!.Approve(code, Role.Author));
        var (exit, output, error) = await login;
        Assert.True(exit == 0, error + output);
        Assert.Contains($"enter the code {code}", output, StringComparison.Ordinal);
        Assert.Contains($"Signed in to {url} as Local Author (Author)", output, StringComparison.Ordinal);

        // Kept for the user alone, and used by the next commands.
        var file = Path.Combine(folder, "sign-in.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var (who, whoOutput, whoError) = await CovalentAsync("whoami", "--api", url);
        Assert.True(who == 0, whoError);
        Assert.Contains("Local Author", whoOutput, StringComparison.Ordinal);

        // An access token at its end is renewed with the refresh token before it is sent, and the new one is kept.
        var saved = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var entry = saved[url]!;
        entry["accessToken"] = "an-expired-token";
        entry["expiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        await File.WriteAllTextAsync(file, saved.ToJsonString());
        var (renewed, _, renewError) = await CovalentAsync("whoami", "--api", url);
        Assert.True(renewed == 0, renewError);
        Assert.DoesNotContain("an-expired-token", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        // A refresh token the authority no longer takes: the person is told to sign in again.
        saved = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        saved[url]!["expiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        saved[url]!["refreshToken"] = "not-a-refresh-token";
        await File.WriteAllTextAsync(file, saved.ToJsonString());
        var (ended, _, endedError) = await CovalentAsync("whoami", "--api", url);
        Assert.NotEqual(0, ended);
        Assert.Contains($"your sign-in to {url} has ended: run covalent login", endedError, StringComparison.Ordinal);

        var (logout, logoutOutput, _) = await CovalentAsync("logout", "--api", url);
        Assert.Equal(0, logout);
        Assert.Contains($"Signed out of {url}.", logoutOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(url, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example/tenant/v2.0", "is not an https authority")]
    [InlineData("file:///etc/passwd", "is not an https authority")]
    [InlineData("not an address", "is not an https authority")]
    public async Task Login_takes_only_an_https_authority(string authority, string problem)
    {
        var (exit, _, error) = await CovalentAsync("login", "--api", url, "--authority", authority, "--client-id", "covalent-cli", "--scope", "api://x/.default");

        Assert.NotEqual(0, exit);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "sign-in.json")));
    }

    private async Task<string> WaitForCodeAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (api.Issuer.DeviceSignIn!.PendingUserCodes is [var code])
            {
                return code;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("covalent login asked for no code");
    }

    [Fact]
    public async Task Republish_and_status_over_the_API_take_the_admin_role()
    {
        SignInAs(SignedInApi.Admin);
        var (started, startOutput, startError) = await CovalentAsync("republish", "--api", url, "--json");
        Assert.True(started == 0, startError);
        Assert.Contains("\"jobId\"", startOutput, StringComparison.Ordinal);

        var (status, statusOutput, _) = await CovalentAsync("status", "--api", url);
        Assert.Equal(0, status);
        Assert.Contains("state:    running", statusOutput, StringComparison.Ordinal);

        // An Editor is not an Admin: the site-wide operation is refused, and the message names the role it takes.
        SignInAs(SignedInApi.Editor);
        var (refused, _, refusedError) = await CovalentAsync("status", "--api", url);
        Assert.Equal(2, refused);
        Assert.Contains("that takes the role Admin", refusedError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_over_the_CLI_cannot_unpublish_a_colleagues_post_and_an_editor_can()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "2025-05-17-boris.md"), "---\ntitle: Boris\ndate: 2025-05-17\n---\nbody");
        SignInAs(SignedInApi.OtherAuthor);
        Assert.Equal(0, (await CovalentAsync("publish", folder, "--api", url)).Exit);

        SignInAs(SignedInApi.Author);
        var (refused, _, refusedError) = await CovalentAsync("unpublish", "boris", "--api", url);
        Assert.Equal(2, refused);
        Assert.Contains("'boris' belongs to Boris Author", refusedError, StringComparison.Ordinal);
        Assert.NotNull(await Host.ReadSiteTextAsync("posts/boris/index.html"));

        SignInAs(SignedInApi.Editor);
        var (done, output, _) = await CovalentAsync("unpublish", "boris", "--api", url);
        Assert.Equal(0, done);
        Assert.Contains("boris: unpublished", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_CLI_says_where_to_put_one_and_sends_nothing()
    {
        Environment.SetEnvironmentVariable("COVALENT_TOKEN", null);
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "---\ntitle: A\ndate: 2025-05-17\n---\nbody");

        var (exit, _, error) = await CovalentAsync("publish", folder, "--api", url);

        Assert.Equal(2, exit);
        Assert.Contains("COVALENT_TOKEN", error, StringComparison.Ordinal);
        Assert.Null(await Host.ReadSiteTextAsync("posts/a/index.html"));
    }

    [Fact]
    public async Task Whoami_names_the_caller_of_the_token_and_what_their_roles_allow()
    {
        SignInAs(SignedInApi.Contributor);
        var (exit, output, _) = await CovalentAsync("whoami", "--api", url);

        Assert.Equal(0, exit);
        Assert.Contains($"Cora Contributor (person {SignedInApi.Contributor.Id})", output, StringComparison.Ordinal);
        Assert.Contains("roles: Contributor", output, StringComparison.Ordinal);
        Assert.Contains("write-post", output, StringComparison.Ordinal);
        Assert.DoesNotContain("withdraw-post", output, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("COVALENT_TOKEN", "not.a.jwt");
        var (refused, _, error) = await CovalentAsync("whoami", "--api", url);
        Assert.Equal(2, refused);
        Assert.Contains("refused the token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_goes_through_review_from_the_CLI()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "2025-06-01-ferries.md"), "---\ntitle: Ferries\ndate: 2025-06-01\ndraft: true\n---\nbody");
        SignInAs(SignedInApi.Contributor);
        Assert.Equal(0, (await CovalentAsync("publish", folder, "--api", url)).Exit);
        var (submitted, submitOutput, _) = await CovalentAsync("submit", "ferries", "--api", url);
        Assert.Equal(0, submitted);
        Assert.Contains("ferries: in-review", submitOutput, StringComparison.Ordinal);

        SignInAs(SignedInApi.Editor);
        var (listed, listOutput, _) = await CovalentAsync("list", "--status", "in-review", "--api", url);
        Assert.Equal(0, listed);
        Assert.Contains("ferries", listOutput, StringComparison.Ordinal);
        Assert.Contains("ferries", (await CovalentAsync("list", "--status", "InReview", "--api", url)).Output, StringComparison.Ordinal);
        var (badStatus, _, badStatusError) = await CovalentAsync("list", "--status", "in review", "--api", url);
        Assert.NotEqual(0, badStatus);
        Assert.Contains("'in review' is not a status: published, scheduled, draft, in-review", badStatusError, StringComparison.Ordinal);
        var (returned, returnOutput, _) = await CovalentAsync("return", "ferries", "--note", "Add the timetable.", "--api", url);
        Assert.Equal(0, returned);
        Assert.Contains("ferries: draft", returnOutput, StringComparison.Ordinal);

        SignInAs(SignedInApi.Contributor);
        Assert.Equal(0, (await CovalentAsync("submit", "ferries", "--api", url)).Exit);
        var (refused, _, refusedError) = await CovalentAsync("approve", "ferries", "--api", url);
        Assert.Equal(2, refused);
        Assert.Contains("that takes the role Editor", refusedError, StringComparison.Ordinal);

        SignInAs(SignedInApi.Editor);
        var (approved, approveOutput, _) = await CovalentAsync("approve", "ferries", "--api", url);
        Assert.Equal(0, approved);
        Assert.Contains("ferries: published", approveOutput, StringComparison.Ordinal);
        Assert.NotNull(await Host.ReadSiteTextAsync("posts/ferries/index.html"));
    }
}
