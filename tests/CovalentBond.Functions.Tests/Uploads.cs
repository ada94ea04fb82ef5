using System.Text;
using CovalentBond.Functions.Blobs;
using CovalentBond.Functions.Http;
using CovalentBond.Identity.Http;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Ports;
using CovalentBond.Testing.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Functions.Tests;

/// <summary>How an author's upload reaches the worker, as the host would call it: a PUT, a dropped blob, a lifecycle call.</summary>
internal static class Uploads
{
    /// <summary>The request as the API's gate leaves it once it has admitted <paramref name="caller"/> (the gate's own tests are the role matrix).</summary>
    public static HttpContext AdmittedAs(this HttpContext context, Caller caller)
    {
        context.Features.Set(new CallerFeature(caller));
        return context;
    }

    /// <summary>A PUT of <paramref name="bytes"/> to <paramref name="path"/>, declaring <paramref name="declaredLength"/> (the real length when null).</summary>
    public static HttpRequest PutRequest(string path, byte[] bytes, long? declaredLength = null)
    {
        var context = new DefaultHttpContext().AdmittedAs(TestCallers.Editor);
        context.Request.Method = "PUT";
        context.Request.Path = path;
        context.Request.ContentLength = declaredLength ?? bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }

    public static Task<ContentResult> PutAsync(this FunctionsTestHost host, string slug, string markdown) =>
        host.PutAsync(slug, Encoding.UTF8.GetBytes(markdown));

    public static async Task<ContentResult> PutAsync(this FunctionsTestHost host, string slug, byte[] bytes) =>
        (await host.PutWithContextAsync(slug, bytes)).Result;

    /// <summary>A PUT with its HTTP context, for the headers the function sets (<c>Location</c>).</summary>
    public static async Task<(ContentResult Result, HttpContext Context)> PutWithContextAsync(this FunctionsTestHost host, string slug, byte[] bytes)
    {
        var context = new DefaultHttpContext().AdmittedAs(TestCallers.Editor);
        context.Request.Method = "PUT";
        context.Request.Path = $"/api/posts/{slug}";
        context.Request.ContentType = "text/markdown";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        // As a client that read the post first (the API's preconditions have tests of their own).
        if (await host.Services.GetRequiredService<IPostIndex>().GetAsync(slug, CancellationToken.None) is { Status: not PostStatus.Moved } current)
        {
            context.Request.Headers.IfMatch = current.ETag;
        }

        var result = await host.Function<PublishPostFunction>().RunAsync(context.Request, slug, CancellationToken.None);
        return (Assert.IsType<ContentResult>(result), context);
    }

    /// <summary>Writes a blob into the posts container and delivers its event to the blob trigger.</summary>
    public static Task DropAsync(this FunctionsTestHost host, string name, string markdown) =>
        host.DropAsync(name, Encoding.UTF8.GetBytes(markdown));

    public static async Task DropAsync(this FunctionsTestHost host, string name, byte[] bytes)
    {
        await host.Sources.CreateIfNotExistsAsync();
        var blob = host.Sources.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);
        await host.DeliverAsync(name);
    }

    /// <summary>Delivers a blob-created event for a blob already in the posts container (Event Grid fires for every write).</summary>
    public static Task DeliverAsync(this FunctionsTestHost host, string name) =>
        host.Function<PublishPostFromBlobFunction>().RunAsync(host.Sources.GetBlobClient(name), name, CancellationToken.None);

    public static async Task<ContentResult> RestoreAsync(this FunctionsTestHost host, string slug) =>
        Assert.IsType<ContentResult>(await host.Function<PostLifecycleFunctions>().RestoreAsync(await host.OnCurrentAsync("POST", slug), slug, CancellationToken.None));

    public static async Task<ContentResult> UnpublishAsync(this FunctionsTestHost host, string slug) =>
        Assert.IsType<ContentResult>(await host.Function<PostLifecycleFunctions>().UnpublishAsync(await host.OnCurrentAsync("POST", slug), slug, CancellationToken.None));

    /// <summary>A request by an Editor with <c>If-Match</c> naming the post's current ETag (none for a post the index does not have).</summary>
    public static async Task<HttpRequest> OnCurrentAsync(this FunctionsTestHost host, string method, string slug)
    {
        var request = new DefaultHttpContext { Request = { Method = method } }.AdmittedAs(TestCallers.Editor).Request;
        if (await host.Services.GetRequiredService<CovalentBond.Publishing.Ports.IPostIndex>().GetAsync(slug, CancellationToken.None) is { } record)
        {
            request.Headers.IfMatch = record.ETag;
        }

        return request;
    }

    public static async Task<string?> SourceTextAsync(this FunctionsTestHost host, string name)
    {
        var blob = host.Sources.GetBlobClient(name);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    /// <summary>A small valid post.</summary>
    public static string Post(string title, string body = "Body text.", string extra = "") =>
        $"---\ntitle: {title}\ndate: 2025-05-20\nauthor: Michael K.\ntags: [Ukraine]\n{extra}---\n{body}\n";
}
