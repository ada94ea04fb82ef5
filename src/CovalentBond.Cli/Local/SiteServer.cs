using CovalentBond.Functions.Http;
using System.Net;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Cli.Local;

/// <summary>
/// Serves the site store on loopback the way Azure's static website serves <c>$web</c>: <c>/</c> and
/// folders serve their <c>index.html</c>, a folder without its slash is redirected to it, anything else
/// missing gets <c>404.html</c> with status 404.
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SiteServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts serving on <paramref name="port"/> (0 picks a free one).</summary>
    /// <param name="site">The static website's files.</param>
    /// <param name="port">The loopback port, 0 for a free one.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="api">The app's services to serve the API from at <c>/api</c> on the same address, as Front Door routes it; null for the site alone.</param>
    /// <param name="admin">The editor to serve at <c>/admin</c>; null for none.</param>
    public static async Task<SiteServer> StartAsync(ISiteStore site, int port, CancellationToken cancellationToken, IServiceProvider? api = null, AdminApp? admin = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        if (api is not null)
        {
            app.MapFunctionsApi(api);
        }

        admin?.Map(app);

        // Everything the API does not answer is the static website (a catch-all ranks below every API route).
        app.Map("{**path}", context => ServeAsync(site, context));
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var actualPort = new Uri(address).Port;
        return new SiteServer(app, new Uri($"http://localhost:{actualPort}/"));
    }

    private static async Task ServeAsync(ISiteStore site, HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var path = request.Path.Value ?? "/";
        var fileName = SitePaths.FileForRequest(path);
        if (fileName is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var file = await site.ReadAsync(fileName, context.RequestAborted);
        if (file is not null)
        {
            await WriteAsync(context, StatusCodes.Status200OK, file);
            return;
        }

        if (!path.EndsWith('/') && await site.ReadAsync(fileName + "/index.html", context.RequestAborted) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = path + "/" + request.QueryString;
            return;
        }

        var notFound = await site.ReadAsync(SitePaths.NotFound, context.RequestAborted);
        if (notFound is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAsync(context, StatusCodes.Status404NotFound, notFound);
    }

    /// <summary>
    /// A file as the static website answers: its type, its lifetime, and an entity tag a browser revalidates with
    /// (<c>max-age=0</c> pages are asked for again each time, and a 304 answers when they are unchanged).
    /// </summary>
    private static async Task WriteAsync(HttpContext context, int status, SiteFile file)
    {
        var etag = $"\"{Publishing.ContentHash.Of(file.Content, 32)}\"";
        context.Response.Headers.ETag = etag;
        if (file.CacheControl is not null)
        {
            context.Response.Headers.CacheControl = file.CacheControl;
        }

        if (status == StatusCodes.Status200OK && context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = file.ContentType;

        context.Response.ContentLength = file.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
