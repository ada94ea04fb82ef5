using System.CommandLine;
using System.Text.Json;
using CovalentBond.Cli.Api;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent republish</c> and <c>covalent status</c>: the full republish, from storage.</summary>
internal static class RepublishCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON, for scripts." };

    public static Command Republish(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = JsonOption();
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "Queue the batches and return: the deployed Functions work through them. Without it, this process works through them too.",
        };
        var apiOption = CliConfiguration.ApiOption();
        var command = new Command("republish", "Render every page again with the current theme and settings, fanned out through the republish queue.")
        {
            site, json, noWait, apiOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                // The deployed Functions work through the batches; follow them with 'covalent status --api'.
                using var client = new ApiClient(api);
                var started = await client.StartRepublishAsync(cancellationToken);
                return await WriteAnswerAsync(started, parse.GetValue(json), output, error);
            }

            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var job = await services.GetRequiredService<SiteRepublisher>().StartAsync("requested with covalent republish", cancellationToken);
            if (!parse.GetValue(json))
            {
                await output.WriteLineAsync($"republish {job.JobId}: {job.Total} pages in {job.Batches} batches");
            }

            if (parse.GetValue(noWait))
            {
                await WriteStatusAsync(output, job, parse.GetValue(json));
                return ExitCodes.Success;
            }

            var worker = services.GetRequiredService<RepublishQueueWorker>();
            RepublishStatus finished;
            if (!parse.GetValue(json) && PostFilePublisher.IsTerminal(output))
            {
                finished = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"Republishing {job.Total} pages", maxValue: job.Total);
                        return await worker.RunUntilFinishedAsync(job.JobId, new Progress<RepublishStatus>(s => task.Value = s.Done + s.Failed), cancellationToken);
                    });
            }
            else
            {
                var lastDone = -1;
                var progress = new Progress<RepublishStatus>(s =>
                {
                    if (!parse.GetValue(json) && s.Done + s.Failed != lastDone)
                    {
                        lastDone = s.Done + s.Failed;
                        output.WriteLine($"{s.Done + s.Failed}/{s.Total} pages ({s.Failed} failed)");
                    }
                });
                finished = await worker.RunUntilFinishedAsync(job.JobId, progress, cancellationToken);
            }

            await WriteStatusAsync(output, finished, parse.GetValue(json));
            return finished.Failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }

    public static Command Status(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = JsonOption();
        var jobId = new Argument<string?>("job") { Description = "The job id; the latest job when left out.", Arity = ArgumentArity.ZeroOrOne };
        var apiOption = CliConfiguration.ApiOption();
        var command = new Command("status", "Show the progress of a republish: total, done and failed pages, and why batches failed.")
        {
            jobId, site, json, apiOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                using var client = new ApiClient(api);
                return await WriteAnswerAsync(await client.RepublishStatusAsync(parse.GetValue(jobId), cancellationToken), parse.GetValue(json), output, error);
            }

            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var status = await services.GetRequiredService<SiteRepublisher>().StatusAsync(parse.GetValue(jobId), cancellationToken);
            if (status is null)
            {
                await error.WriteLineAsync(parse.GetValue(jobId) is { } id ? $"error: there is no republish job '{id}'" : "error: the site has not been republished yet");
                return ExitCodes.SomeFailed;
            }

            await WriteStatusAsync(output, status, parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A status answer of the API, printed as the storage path prints it.</summary>
    private static async Task<int> WriteAnswerAsync(ApiAnswer answer, bool json, TextWriter output, TextWriter error)
    {
        if (!answer.IsSuccess)
        {
            await error.WriteLineAsync($"error: {answer.Get("detail") ?? answer.Text}");
            return ExitCodes.SomeFailed;
        }

        await WriteStatusAsync(output, answer.Body!.Value.Deserialize<RepublishReport>(Json)!, json);
        return ExitCodes.Success;
    }

    private static Task WriteStatusAsync(TextWriter output, RepublishStatus status, bool json) =>
        WriteStatusAsync(output, RepublishReport.Of(status), json);

    private static async Task WriteStatusAsync(TextWriter output, RepublishReport report, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
            return;
        }

        await output.WriteLineAsync($"job:      {report.JobId} ({report.Reason})");
        await output.WriteLineAsync($"state:    {report.State}");
        await output.WriteLineAsync($"pages:    {report.Total} total, {report.Done} done, {report.Failed} failed; {report.FilesWritten} files written");
        await output.WriteLineAsync($"started:  {report.StartedAt:u}{(report.FinishedAt is { } f ? $"; finished {f:u}" : "")}");
        foreach (var failure in report.Failures)
        {
            await output.WriteLineAsync($"failed:   batch {failure.Batch} after {failure.Attempts} attempts: {failure.Reason}");
        }
    }
}
