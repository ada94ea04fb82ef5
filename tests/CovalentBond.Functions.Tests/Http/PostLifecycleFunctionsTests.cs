using System.Text;
using System.Text.Json;
using CovalentBond.Functions.Http;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests.Http;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PostLifecycleFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FunctionsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        await host.Services.GetRequiredService<PostPublisher>().PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Posts.Istanbul), "istanbul-talks", TestCallers.Editor));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static HttpRequest Request(string method) => new DefaultHttpContext { Request = { Method = method } }.AdmittedAs(TestCallers.Editor).Request;

    private static JsonElement Body(IActionResult result) => JsonDocument.Parse(Assert.IsType<ContentResult>(result).Content!).RootElement;

    [Fact]
    public async Task Delete_takes_the_post_off_every_list_and_its_address_answers_gone()
    {
        var result = await host.Function<PostLifecycleFunctions>().DeleteAsync(await host.OnCurrentAsync("DELETE", "istanbul-talks"), "istanbul-talks", CancellationToken.None);

        Assert.Equal(200, Assert.IsType<ContentResult>(result).StatusCode);
        Assert.Equal("deleted", Body(result).GetProperty("postStatus").GetString());
        Assert.Contains("This article has been removed", await host.ReadSiteTextAsync("posts/istanbul-talks/index.html"), StringComparison.Ordinal);
        Assert.DoesNotContain("/posts/istanbul-talks/", await host.ReadSiteTextAsync("index.html"), StringComparison.Ordinal);
        Assert.True(await host.Sources.GetBlobClient("istanbul-talks.md").ExistsAsync(), "the source is kept");
    }

    [Fact]
    public async Task Unpublish_then_restore_brings_the_post_back()
    {
        var functions = host.Function<PostLifecycleFunctions>();

        await functions.UnpublishAsync(await host.OnCurrentAsync("POST", "istanbul-talks"), "istanbul-talks", CancellationToken.None);
        Assert.Null(await host.ReadSiteTextAsync("posts/istanbul-talks/index.html"));

        var restored = await functions.RestoreAsync(await host.OnCurrentAsync("POST", "istanbul-talks"), "istanbul-talks", CancellationToken.None);
        Assert.Equal("published", Body(restored).GetProperty("postStatus").GetString());
        Assert.Contains("<h1>Diplomatic farce: Istanbul talks reach deadlock</h1>", await host.ReadSiteTextAsync("posts/istanbul-talks/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_or_restore_without_If_Match_is_428_and_changes_nothing()
    {
        var functions = host.Function<PostLifecycleFunctions>();
        var before = await host.SnapshotAsync();

        foreach (var result in new[]
        {
            await functions.DeleteAsync(Request("DELETE"), "istanbul-talks", CancellationToken.None),
            await functions.UnpublishAsync(Request("POST"), "istanbul-talks", CancellationToken.None),
            await functions.RestoreAsync(Request("POST"), "istanbul-talks", CancellationToken.None),
        })
        {
            var answer = Assert.IsType<ContentResult>(result);
            Assert.Equal(428, answer.StatusCode);
            Assert.Contains("If-Match", answer.Content, StringComparison.Ordinal);
        }

        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task An_unknown_post_gets_404_problem_details()
    {
        var result = Assert.IsType<ContentResult>(await host.Function<PostLifecycleFunctions>().DeleteAsync(Request("DELETE"), "no-such-post", CancellationToken.None));

        Assert.Equal(404, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
    }
}
