using System.CommandLine;
using CovalentBond.Cli.Api;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent whoami --api …</c>: who the site's API takes the token in <c>COVALENT_TOKEN</c> for, and what it may do.</summary>
internal static class WhoAmICommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var apiOption = CliConfiguration.ApiOption();
        var json = RepublishCommands.JsonOption();
        var command = new Command("whoami", "Show who the API takes your token (COVALENT_TOKEN) for: name, object id, roles, and what they allow.") { apiOption, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var api = ApiSettings.Resolve(parse.GetValue(apiOption))
                ?? throw new CliException("whoami asks the site's API: give --api https://<site>/ (or \"api\" in the config file)");
            using var client = new ApiClient(api);
            var answer = await client.WhoAmIAsync(cancellationToken);
            if (!answer.IsSuccess)
            {
                await error.WriteLineAsync($"error: {answer.Get("detail") ?? answer.Text}");
                return ExitCodes.SomeFailed;
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(answer.Text);
                return ExitCodes.Success;
            }

            var me = answer.Body!.Value;
            var roles = string.Join(", ", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            await output.WriteLineAsync($"{me.GetProperty("name").GetString()} ({me.GetProperty("kind").GetString()} {me.GetProperty("id").GetString()})");
            await output.WriteLineAsync($"  roles: {(roles.Length == 0 ? "none of this site's" : roles)}");
            await output.WriteLineAsync($"  may:   {string.Join(", ", me.GetProperty("may").EnumerateArray().Select(r => r.GetString()))}");
            return ExitCodes.Success;
        });
        return command;
    }
}
