using System.CommandLine;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Publishing;
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
        var command = new Command("serve", "Serve the published site from storage (ContentStorage) on localhost.") { site, port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build(parse.GetValue(site));
            await using var services = CliConfiguration.Services(configuration);
            await using var server = await SiteServer.StartAsync(services.GetRequiredService<ISiteStore>(), parse.GetValue(port), cancellationToken);
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
