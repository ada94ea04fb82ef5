using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using CovalentBond.Cli.Local;
using CovalentBond.Identity.Local;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// <c>covalent dev</c>: the whole pipeline on one machine. Starts a private Azurite (unless
/// <c>ContentStorage</c> is set), publishes a folder of posts through the same service the Functions use,
/// and serves the result like the static website, printing its address.
/// </summary>
internal static class DevCommand
{
    /// <summary>The audience of the local issuer's tokens.</summary>
    public const string DevAudience = "api://covalent-bond-dev";

    /// <summary>How often <c>covalent dev</c> looks for scheduled posts whose time has come (the Functions' timer and queue).</summary>
    public static readonly TimeSpan ScheduleSweepInterval = TimeSpan.FromSeconds(2);

    public static Command Create(TextWriter output, TextWriter error, TimeProvider clock)
    {
        var content = new Argument<DirectoryInfo>("content") { Description = "The folder of Markdown posts to publish.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("samples", "posts")) };
        var site = CliConfiguration.SiteOption();
        var port = ServeCommand.PortOption();
        var authors = AuthorProfileFiles.Option();
        var command = new Command("dev", "Publish a folder of posts into local storage (a private Azurite unless ContentStorage is set) and serve the site.")
        {
            content,
            site,
            port,
            authors,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(content)!;
            if (!folder.Exists)
            {
                throw new CliException($"the content folder '{folder.FullName}' does not exist");
            }

            var configuration = CliConfiguration.Build(parse.GetValue(site));
            await using var azurite = CliConfiguration.HasStorage(configuration) ? null : await StartAzuriteAsync(output, cancellationToken);

            // The API signs its callers in as on Azure; only the authority differs: a local issuer, with a role picker.
            await using var issuer = await LocalTokenIssuer.StartAsync(DevAudience, handOutTokens: true);
            var local = new Dictionary<string, string?>
            {
                ["Identity:Authority"] = issuer.Authority,
                ["Identity:Audience"] = DevAudience,
                ["Identity:TenantId"] = issuer.TenantId,
            };
            if (azurite is not null)
            {
                local[StorageOptions.ConnectionName] = azurite.ConnectionString;
                local[StorageOptions.SiteConnectionName] = azurite.SiteConnectionString;
            }

            configuration = CliConfiguration.Build(parse.GetValue(site), local);
            await using var services = CliConfiguration.Services(configuration, api: true, clock, purges: output);

            // The author profiles go where the Functions read them, beside the theme; bad ones are named and left out.
            if (AuthorProfileFiles.FolderFor(parse.GetValue(authors), folder) is { } profileFolder)
            {
                var (profiles, _) = await AuthorProfileFiles.ReadAsync(profileFolder, error);
                var themes = services.GetRequiredService<Storage.Blobs.BlobThemeLoader>();
                await themes.SaveProfilesAsync(profileFolder.EnumerateFiles("*.json").Select(f => (f.Name, new BinaryData(File.ReadAllBytes(f.FullName)))), cancellationToken);
                services.GetRequiredService<Publishing.Theme.CurrentTheme>().Replace(await themes.LoadAsync(cancellationToken));
                await output.WriteLineAsync($"{profiles.All.Count} author {(profiles.All.Count == 1 ? "profile" : "profiles")} from {profileFolder.FullName}");
            }
            // Images first, so that the posts render with them at once (the other order works too, in two steps).
            var refusedImages = await MediaFilePublisher.PublishAsync(services.GetRequiredService<Publishing.Media.MediaPublisher>(), folder, output, error, cancellationToken);
            var files = PostFiles.Find([folder.FullName], output);
            await output.WriteLineAsync($"Publishing {files.Count} posts from {folder.FullName}");
            var failed = await PostFilePublisher.PublishAsync(services.GetRequiredService<PostPublisher>(), files, output, error, cancellationToken);

            // Articles published early list only the posts before them: a republish, run here (dev has no queue workers),
            // brings every page up to date through the same pipeline as the Functions'.
            var republished = await services.GetRequiredService<Publishing.Republishing.SiteRepublisher>().RunHereAsync("covalent dev", cancellationToken);
            await output.WriteLineAsync($"{files.Count - failed} published, {failed} failed; {republished.Written} pages refreshed");
            if (republished.Failed > 0)
            {
                await error.WriteLineAsync($"The republish left {republished.Failed} pages as they were: {string.Join("; ", republished.Failures.Select(f => f.LastError).Distinct())}");
            }

            var wanted = parse.GetValue(port);
            var siteOptions = services.GetRequiredService<Publishing.Site.SiteOptions>();
            var adminFolder = AdminApp.FindBuilt();
            var admin = adminFolder is null ? null : new AdminApp(adminFolder, AdminApp.ConfigFor(siteOptions, issuer.Authority, AdminApp.LocalClientId, DevAudience));
            await using var server = await SiteServer.StartAsync(services.GetRequiredService<ISiteStore>(), PortIsFree(wanted) ? wanted : 0, cancellationToken, api: services, admin: admin);
            using var sweeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sweeps = SweepSchedulesAsync(services.GetRequiredService<Publishing.Scheduling.ScheduledPublisher>(), output, error, sweeping.Token);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"The API is at {server.Url}api/, behind sign-in (an anonymous call gets 401, as on Azure). Sign in (the address it shows lets you pick a role):");
            await output.WriteLineAsync($"  covalent login --api {server.Url} --authority {issuer.Authority} --client-id covalent-cli --scope {DevAudience}/.default");
            await output.WriteLineAsync($"  (or: export COVALENT_TOKEN=$(curl -s '{issuer.BaseAddress}/local/token?role=Editor')   # Contributor, Author, Editor or Admin)");
            await output.WriteLineAsync($"  covalent list --api {server.Url}");
            await output.WriteLineAsync(admin is null
                ? "The editor (/admin) is not built: run 'node src/CovalentBond.Admin/build.mjs' (scripts/dev.sh does) and start again."
                : $"The editor is at {server.Url}admin/ (sign in with the local issuer: pick a role).");
            await output.WriteLineAsync($"The site is ready: {server.Url}");
            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(cancellationToken);
            await ServeCommand.WaitForCancellationAsync(cancellationToken);
            await sweeping.CancelAsync();
            await sweeps;
            return failed == 0 && refusedImages == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }

    /// <summary>
    /// What the Functions' schedule queue and timer do on Azure, here every <see cref="ScheduleSweepInterval"/>: scheduled
    /// posts whose time has come go live (and expiring ones come off), through the same <c>ScheduledPublisher</c>.
    /// </summary>
    private static async Task SweepSchedulesAsync(Publishing.Scheduling.ScheduledPublisher scheduler, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ScheduleSweepInterval, TimeProvider.System, cancellationToken);
                foreach (var applied in await scheduler.SweepAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"Scheduled change applied: {applied.Slug} is {(applied.PostStatus is { } s ? Publishing.Index.PostStatusWords.Of(s) : applied.Status.ToString())}");
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Azure.RequestFailedException or IOException)
            {
                await error.WriteLineAsync($"The schedule sweep failed, and runs again in {ScheduleSweepInterval.TotalSeconds:0} s: {ex.Message}");
            }
        }
    }

    private static async Task<AzuriteServer> StartAzuriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var root = FindAzuriteRoot()
            ?? throw new CliException("Azurite is not installed: run 'npm ci' at the repository root, or set ContentStorage to a storage account");
        // The static website in a blob service of its own, as the templates deploy it in an account of its own.
        var server = await AzuriteServer.StartAsync(root, inMemory: true, siteAccount: true, cancellationToken: cancellationToken);
        await output.WriteLineAsync($"Started Azurite (in memory) on blob port {server.BlobPort}, table port {server.TablePort}, the site's blob port {server.SiteBlobPort}.");
        await output.WriteLineAsync($"  ContentStorage={server.ConnectionString}");
        await output.WriteLineAsync($"  SiteStorage={server.SiteConnectionString}");
        return server;
    }

    // The repository's node_modules, found from the current folder or from where this tool was built.
    private static string? FindAzuriteRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "node_modules", "azurite", "dist", "src", "azurite.js")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private static bool PortIsFree(int port)
    {
        if (port == 0)
        {
            return true;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
