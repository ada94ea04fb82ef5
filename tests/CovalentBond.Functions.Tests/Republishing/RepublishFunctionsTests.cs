using System.Text;
using System.Text.Json;
using CovalentBond.Functions.Republishing;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests.Republishing;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class RepublishFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FunctionsTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = FunctionsTestHost.Create(azurite.ConnectionString);
        await host.Services.GetRequiredService<PostPublisher>().PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Posts.Istanbul), "istanbul-talks", TestCallers.Editor));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static JsonElement Body(IActionResult result) => JsonDocument.Parse(Assert.IsType<ContentResult>(result).Content!).RootElement;

    [Fact]
    public async Task Republish_is_started_over_HTTP_run_from_the_queue_and_its_progress_read_back()
    {
        var functions = host.Function<RepublishFunctions>();
        var context = new DefaultHttpContext { Request = { Method = "POST" } }.AdmittedAs(TestCallers.Editor);

        var started = await functions.StartAsync(context.Request, CancellationToken.None);
        Assert.Equal(202, Assert.IsType<ContentResult>(started).StatusCode);
        var jobId = Body(started).GetProperty("jobId").GetString()!;
        Assert.Equal($"/api/site/republish/{jobId}", context.Response.Headers.Location.ToString());
        Assert.Equal("running", Body(await functions.StatusAsync(context.Request, jobId, CancellationToken.None)).GetProperty("state").GetString());

        // The queue trigger, as the host would call it, for every message the start queued.
        var messages = (await host.RepublishQueue.ReceiveMessagesAsync(32)).Value;
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            await functions.RunBatchAsync(message.Body.ToString(), message.DequeueCount, CancellationToken.None);
        }

        var status = Body(await functions.StatusAsync(context.Request, null, CancellationToken.None));
        Assert.Equal(jobId, status.GetProperty("jobId").GetString());
        Assert.Equal("finished", status.GetProperty("state").GetString());
        Assert.Equal(status.GetProperty("total").GetInt32(), status.GetProperty("done").GetInt32());
        Assert.Equal(0, status.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task An_unknown_job_is_404_problem_details()
    {
        var result = Assert.IsType<ContentResult>(await host.Function<RepublishFunctions>().StatusAsync(new DefaultHttpContext().AdmittedAs(TestCallers.Editor).Request, "no-such-job", CancellationToken.None));
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
    }
}
