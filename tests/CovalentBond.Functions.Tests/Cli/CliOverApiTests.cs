using CovalentBond.Cli;
using CovalentBond.Functions.Http;
using CovalentBond.Functions.Republishing;
using CovalentBond.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests.Cli;

/// <summary>
/// The CLI's <c>--api</c> mode against the app's real HTTP functions. Core Tools cannot run here, so a
/// small Kestrel server routes the same paths to the same function methods and checks the key as the
/// Functions host would (function key for posts, admin key for site-wide operations).
/// </summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class CliOverApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string FunctionKey = "function-key-for-tests";
    private const string AdminKey = "admin-key-for-tests";

    private readonly string folder = Directory.CreateTempSubdirectory("posts-").FullName;
    private FunctionsTestHost host = null!;
    private WebApplication server = null!;
    private string url = null!;

    public async Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server = builder.Build();

        server.MapGet("/api/posts", (HttpContext c, CancellationToken ct) => Run(c, false, () => host.Function<PostQueryFunctions>().ListAsync(c.Request, c.RequestAborted)));
        server.MapGet("/api/posts/{slug}", (HttpContext c, string slug) => Run(c, false, () => host.Function<PostQueryFunctions>().ShowAsync(c.Request, slug, c.RequestAborted)));
        server.MapPut("/api/posts/{slug}", (HttpContext c, string slug) => Run(c, false, () => host.Function<PublishPostFunction>().RunAsync(c.Request, slug, c.RequestAborted)));
        server.MapDelete("/api/posts/{slug}", (HttpContext c, string slug) => Run(c, false, () => host.Function<PostLifecycleFunctions>().DeleteAsync(c.Request, slug, c.RequestAborted)));
        server.MapPost("/api/posts/{slug}/unpublish", (HttpContext c, string slug) => Run(c, false, () => host.Function<PostLifecycleFunctions>().UnpublishAsync(c.Request, slug, c.RequestAborted)));
        server.MapPost("/api/posts/{slug}/restore", (HttpContext c, string slug) => Run(c, false, () => host.Function<PostLifecycleFunctions>().RestoreAsync(c.Request, slug, c.RequestAborted)));
        server.MapPost("/api/site/republish", (HttpContext c, CancellationToken ct) => Run(c, true, () => host.Function<RepublishFunctions>().StartAsync(c.Request, c.RequestAborted)));
        server.MapGet("/api/site/republish/{jobId?}", (HttpContext c, string? jobId) => Run(c, true, () => host.Function<RepublishFunctions>().StatusAsync(c.Request, jobId, c.RequestAborted)));
        await server.StartAsync();
        url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        Environment.SetEnvironmentVariable("COVALENT_API_KEY", FunctionKey);
        Environment.SetEnvironmentVariable("COVALENT_ADMIN_KEY", AdminKey);
        Environment.SetEnvironmentVariable("COVALENT_CONFIG", Path.Combine(folder, "no-config.json"));
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("COVALENT_API_KEY", null);
        Environment.SetEnvironmentVariable("COVALENT_ADMIN_KEY", null);
        Environment.SetEnvironmentVariable("COVALENT_CONFIG", null);
        await server.DisposeAsync();
        await host.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task Run(HttpContext context, bool admin, Func<Task<IActionResult>> function)
    {
        var key = context.Request.Headers["x-functions-key"].ToString();
        if (key != AdminKey && (admin || key != FunctionKey))
        {
            context.Response.StatusCode = 401;
            return;
        }

        var result = Assert.IsType<ContentResult>(await function());
        context.Response.StatusCode = result.StatusCode ?? 200;
        context.Response.ContentType = result.ContentType;
        await context.Response.WriteAsync(result.Content ?? "");
    }

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
        Assert.Contains("<h1>Good</h1>", await host.ReadSiteTextAsync("posts/good/index.html"), StringComparison.Ordinal);

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
    public async Task Republish_and_status_over_the_API_take_the_admin_key()
    {
        var (started, startOutput, startError) = await CovalentAsync("republish", "--api", url, "--json");
        Assert.True(started == 0, startError);
        Assert.Contains("\"jobId\"", startOutput, StringComparison.Ordinal);

        var (status, statusOutput, _) = await CovalentAsync("status", "--api", url);
        Assert.Equal(0, status);
        Assert.Contains("state:    running", statusOutput, StringComparison.Ordinal);

        // With only the function key, the site-wide operation is refused, and the message says which key to set.
        Environment.SetEnvironmentVariable("COVALENT_ADMIN_KEY", FunctionKey);
        var (refused, _, refusedError) = await CovalentAsync("status", "--api", url);
        Assert.Equal(2, refused);
        Assert.Contains("COVALENT_ADMIN_KEY", refusedError, StringComparison.Ordinal);
        Environment.SetEnvironmentVariable("COVALENT_ADMIN_KEY", AdminKey);
    }

    [Fact]
    public async Task Without_a_key_the_CLI_says_where_to_put_one_and_sends_nothing()
    {
        Environment.SetEnvironmentVariable("COVALENT_API_KEY", null);
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "---\ntitle: A\ndate: 2025-05-17\n---\nbody");

        var (exit, _, error) = await CovalentAsync("publish", folder, "--api", url);

        Assert.Equal(2, exit);
        Assert.Contains("COVALENT_API_KEY", error, StringComparison.Ordinal);
        Assert.Null(await host.ReadSiteTextAsync("posts/a/index.html"));
        Environment.SetEnvironmentVariable("COVALENT_API_KEY", FunctionKey);
    }
}
