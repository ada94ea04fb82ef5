using System.CommandLine;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent serve</c>: serve the <c>$web</c> container on localhost, as the static website would.</summary>
internal static class ServeCommand
{
    public static Option<int> PortOption() => new("--port")
    {
        Description = "The local port to serve on (0 picks a free one).",
        DefaultValueFactory = _ => 8080,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var port = PortOption();
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Serve a built folder (covalent build --out) instead of the site's storage." };
        var command = new Command("serve", "Serve the published site on localhost as the static website would: from storage (ContentStorage), or a folder with --dir.") { site, port, dir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ServiceProvider? services = null;
            ISiteStore store;
            if (parse.GetValue(dir) is { } folder)
            {
                store = folder.Exists ? new FolderSiteStore(folder.FullName) : throw new CliException($"the folder '{folder.FullName}' does not exist");
            }
            else
            {
                services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
                store = services.GetRequiredService<ISiteStore>();
            }

            await using var disposeServices = services;
            await using var server = await SiteServer.StartAsync(store, parse.GetValue(port), cancellationToken);
            await output.WriteLineAsync($"Serving the site at {server.Url}  (Ctrl+C to stop)");
            await WaitForCancellationAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop serving.
        }
    }
}
