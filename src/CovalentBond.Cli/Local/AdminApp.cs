using System.Text.Json;
using CovalentBond.Publishing.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CovalentBond.Cli.Local;

/// <summary>
/// The newsroom's editor (<c>/admin</c>) as <c>covalent dev</c> serves it beside the site and the API: the files esbuild
/// built into <c>src/CovalentBond.Admin/dist</c>, and a <c>config.json</c> that points its MSAL sign-in at the local
/// issuer. Same origin as <c>/api</c>, as Front Door routes them on Azure, so no CORS.
/// </summary>
/// <param name="Folder">The built app (<c>index.html</c>, <c>admin.js</c>, its chunks, styles and language files).</param>
/// <param name="Config">What the app reads from <c>/admin/config.json</c>.</param>
public sealed record AdminApp(DirectoryInfo Folder, AdminConfig Config)
{
    /// <summary>The client id of /admin at the local issuer (on Entra ID: the SPA app registration's).</summary>
    public const string LocalClientId = "covalent-admin";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".map"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>The built app found from the current folder or from where this tool was built; null when it was not built.</summary>
    public static DirectoryInfo? FindBuilt()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var built = new DirectoryInfo(Path.Combine(dir.FullName, "src", "CovalentBond.Admin", "dist"));
                if (File.Exists(Path.Combine(built.FullName, "index.html")))
                {
                    return built;
                }
            }
        }

        return null;
    }

    /// <summary>The configuration of the app for a site signed in to by <paramref name="authority"/> (its address is the one it is served at).</summary>
    public static AdminConfig ConfigFor(SiteOptions site, string authority, string clientId, string audience) => new(
        authority,
        clientId,
        [$"{audience}/Posts.ReadWrite"],
        site.Culture,
        site.TimeZone,
        "",
        site.Permalink.Replace(":slug", "{slug}", StringComparison.Ordinal));

    internal void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/{**path}", async (HttpContext context, string? path) =>
        {
            var response = context.Response;
            if (context.Request.Path == "/admin")
            {
                // Its files are named relative to the folder: /admin alone would load /admin.js.
                response.Redirect("/admin/" + context.Request.QueryString);
                return;
            }

            Secure(response, Config.Authority);
            if (path == "config.json")
            {
                response.Headers.CacheControl = "no-store";
                var here = $"{context.Request.Scheme}://{context.Request.Host}/";
                await Results.Text(JsonSerializer.Serialize(Config with { SiteUrl = here }, JsonSerializerOptions.Web), "application/json; charset=utf-8").ExecuteAsync(context);
                return;
            }

            var file = FileFor(path);
            if (file is null)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var relative = Path.GetRelativePath(Folder.FullName, file.FullName).Replace('\\', '/');
            response.ContentType = ContentTypeOf(relative);
            response.Headers.CacheControl = CacheControlOf(relative);
            await response.SendFileAsync(file.FullName, context.RequestAborted);
        });
    }

    /// <summary>The app's files (paths relative to its folder, with <c>/</c>), its page last: what an install uploads in that order.</summary>
    public IReadOnlyList<string> Files() =>
        Folder.EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder.FullName, f.FullName).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(segment => segment.StartsWith('.')))
            .OrderBy(p => p == "index.html" ? 2 : p.StartsWith("chunks/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();

    public static string ContentTypeOf(string relative) => ContentTypes.GetValueOrDefault(Path.GetExtension(relative), "application/octet-stream");

    /// <summary>The page and its entry script always revalidated; its chunks are named by their hash and never change.</summary>
    public static string CacheControlOf(string relative) =>
        relative.StartsWith("chunks/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";

    /// <summary>A file of the app, or null for anything outside it (a traversal, a hidden file) or missing.</summary>
    private FileInfo? FileFor(string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (relative.Split('/').Any(segment => segment.Length == 0 || segment.StartsWith('.') || segment.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Folder.FullName, relative));
        return full.StartsWith(Folder.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? new FileInfo(full) : null;
    }

    /// <summary>
    /// The editor's page may run only its own script and talk only to its own origin and the sign-in authority; nobody may
    /// frame it. Styles allow inline elements (CodeMirror writes its own); the preview frame shows the site's pictures.
    /// </summary>
    private static void Secure(HttpResponse response, string authority)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(authority);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
    }

    /// <summary>The editor's CSP for a sign-in <paramref name="authority"/>; Front Door sends the same on Azure (infra/main.bicep).</summary>
    public static string ContentSecurityPolicy(string authority)
    {
        var signIn = new Uri(authority).GetLeftPart(UriPartial.Authority);
        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; " +
            $"connect-src 'self' {signIn}; frame-src 'self'; form-action 'self' {signIn}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }
}

/// <summary>What <c>/admin/config.json</c> tells the app: where to sign in, and the site's language, zone and addresses.</summary>
public sealed record AdminConfig(string Authority, string ClientId, IReadOnlyList<string> Scopes, string Language, string TimeZone, string SiteUrl, string Articles);
