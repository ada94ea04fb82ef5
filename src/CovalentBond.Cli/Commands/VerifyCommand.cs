using System.CommandLine;
using System.Text.Json;
using CovalentBond.Publishing.Verifying;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent verify [--repair]</c>: compare sources, index and site; report and optionally fix drift.</summary>
internal static class VerifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var repair = new Option<bool>("--repair") { Description = "Fix what is found (safe to run again), then verify once more." };
        var command = new Command("verify", "Compare sources, index and site and report every drift. Exit code 0: nothing wrong (or all of it repaired); 1: drift remains.")
        {
            site, json, repair,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var verifier = services.GetRequiredService<SiteVerifier>();
            var found = await verifier.VerifyAsync(parse.GetValue(repair), cancellationToken);
            var remaining = parse.GetValue(repair) && !found.IsClean ? await verifier.VerifyAsync(false, cancellationToken) : found;

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(
                    new { found.FilesChecked, found.SourcesChecked, Found = found.Drifts, Repaired = found.Repaired, Remaining = remaining.Drifts, found.Warnings }, Json));
            }
            else
            {
                foreach (var drift in found.Drifts)
                {
                    await output.WriteLineAsync($"{drift.Kind}: {drift.Subject}: {drift.Detail}");
                }

                // Not drift: what an editor should look at, as publishing warned of it.
                foreach (var warning in found.Warnings)
                {
                    await error.WriteLineAsync($"warning: {warning}");
                }

                await output.WriteLineAsync($"{found.Drifts.Count} drifts in {found.FilesChecked} files and {found.SourcesChecked} sources" +
                    (found.Repaired ? $"; after repair {remaining.Drifts.Count} remain" : ""));
                foreach (var drift in found.Repaired ? remaining.Drifts : [])
                {
                    await output.WriteLineAsync($"remains: {drift.Kind}: {drift.Subject}: {drift.Detail}");
                }
            }

            return remaining.IsClean ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }
}
