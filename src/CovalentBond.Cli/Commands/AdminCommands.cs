using System.CommandLine;
using System.Text.Json;
using CovalentBond.Cli.Local;
using CovalentBond.Identity.Tokens;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// <c>covalent admin install --client-id {spa}</c>: puts the newsroom's editor into the static website at
/// <c>/admin/</c>, with the <c>config.json</c> that points its sign-in at the site's Entra ID tenant
/// (<c>Identity:Authority</c>, <c>Identity:Audience</c>). Front Door serves it on the site's address beside <c>/api</c>.
/// </summary>
internal static class AdminCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var clientId = new Option<string>("--client-id") { Description = "The application (client) id of /admin's single-page app registration in Entra ID.", Required = true };
        var from = new Option<DirectoryInfo?>("--from") { Description = "The built editor (default: src/CovalentBond.Admin/dist, built by 'node src/CovalentBond.Admin/build.mjs')." };
        var install = new Command("install", "Upload the editor (/admin) into the static website, configured to sign in with Entra ID.")
        {
            site, clientId, from,
        };
        install.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build(parse.GetValue(site));
            var identity = new IdentityOptions();
            configuration.GetSection(IdentityOptions.SectionName).Bind(identity);
            if (!identity.IsConfigured || !Uri.TryCreate(identity.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                throw new CliException("Identity:Authority (https) and Identity:Audience must be set: the editor signs in where the API's tokens come from");
            }

            var client = parse.GetValue(clientId)!.Trim();
            if (client.Length is 0 or > 100 || client.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            {
                throw new CliException($"--client-id '{client}' is not an application id (letters, digits and hyphens)");
            }

            var folder = parse.GetValue(from) ?? AdminApp.FindBuilt()
                ?? throw new CliException("the editor is not built: run 'node src/CovalentBond.Admin/build.mjs' (after 'npm ci'), or give --from");
            if (!File.Exists(Path.Combine(folder.FullName, "index.html")) || !File.Exists(Path.Combine(folder.FullName, "admin.js")))
            {
                throw new CliException($"'{folder.FullName}' is not the built editor: it has no index.html and admin.js");
            }

            await using var services = CliConfiguration.Services(configuration);
            var siteOptions = services.GetRequiredService<SiteOptions>();
            var app = new AdminApp(folder, AdminApp.ConfigFor(siteOptions, identity.Authority!, client, identity.Audience!) with { SiteUrl = siteOptions.NormalizedBaseUrl });
            var store = services.GetRequiredService<ISiteStore>();

            // Everything read first; then the hashed chunks, the rest, and the page last, so that a reader of the old
            // page never meets a chunk that is not there yet.
            var files = app.Files().Select(f => new SitePage(SitePaths.AdminFolder + f, File.ReadAllBytes(Path.Combine(folder.FullName, f)), AdminApp.ContentTypeOf(f), AdminApp.CacheControlOf(f))).ToList();
            var config = new SitePage(SitePaths.AdminFolder + "config.json", JsonSerializer.SerializeToUtf8Bytes(app.Config, JsonSerializerOptions.Web), AdminApp.ContentTypeOf("config.json"), "no-cache");
            files.Insert(files.Count - 1, config);
            foreach (var file in files)
            {
                await store.WriteAsync(file, cancellationToken);
            }

            await output.WriteLineAsync($"Installed the editor: {files.Count} files under {SitePaths.AdminFolder} in the static website.");
            await output.WriteLineAsync($"It signs in at {identity.Authority} as the app {client}, for {app.Config.Scopes[0]}.");
            await output.WriteLineAsync($"Open {siteOptions.NormalizedBaseUrl}admin/ (the SPA registration needs the redirect address {siteOptions.NormalizedBaseUrl}admin/).");
            return ExitCodes.Success;
        });
        return new Command("admin", "The newsroom's editor (/admin).") { install };
    }
}
