using System.CommandLine;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent webhooks log</c> and <c>covalent webhooks replay</c>: the partners' deliveries, on the site's storage.</summary>
internal static class WebhookCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("webhooks", "The webhook subscriptions' deliveries: their log, and sending one again.");
        command.Subcommands.Add(Log(output));
        command.Subcommands.Add(Replay(output, error));
        return command;
    }

    private static Command Log(TextWriter output)
    {
        var site = CliConfiguration.SiteOption();
        var subscription = new Argument<string>("subscription") { Description = "The subscription's id (Webhooks:Subscriptions:N:Id)." };
        var count = new Option<int>("--count") { Description = "How many attempts to show, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("log", "A subscription's delivery attempts, newest first, and whether a receiver disabled it.") { subscription, site, count };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var log = services.GetRequiredService<IWebhookLog>();
            var id = parse.GetValue(subscription)!;
            if (await log.DisabledAsync(id, cancellationToken) is { } reason)
            {
                await output.WriteLineAsync($"disabled: {reason}");
            }

            foreach (var attempt in await log.ListAsync(id, parse.GetValue(count), cancellationToken))
            {
                await output.WriteLineAsync($"{attempt.At:u}  {attempt.DeliveryId}  {attempt.Type,-16} attempt {attempt.Attempt}  {attempt.Outcome}{(attempt.Status > 0 ? $" {attempt.Status}" : string.Empty)}{(attempt.Error is null ? string.Empty : $"  ({attempt.Error})")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Replay(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var delivery = new Argument<string>("id") { Description = "The delivery's id (X-Covalent-Delivery, as 'covalent webhooks log' lists it)." };
        var command = new Command("replay", "Send a logged delivery again, as a new delivery of the same event (a receiver that lost it, or was down past the retries).") { delivery, site };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var id = parse.GetValue(delivery)!;
            var deliverer = services.GetRequiredService<WebhookDeliverer>();
            foreach (var subscription in services.GetRequiredService<WebhookOptions>().Subscriptions)
            {
                if (await deliverer.ReplayAsync(subscription.Id, id, cancellationToken) is { } replay)
                {
                    await output.WriteLineAsync($"queued {replay.Type} for {replay.Subscription} again as delivery {replay.Id}");
                    return ExitCodes.Success;
                }
            }

            await error.WriteLineAsync($"error: no subscription's log has the delivery '{id}'");
            return ExitCodes.SomeFailed;
        });
        return command;
    }
}
