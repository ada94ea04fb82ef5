using System.CommandLine;
using CovalentBond.Publishing.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent publish &lt;files|folders&gt;</c>: publish Markdown posts straight into storage.</summary>
internal static class PublishCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Markdown files, or folders to search for *.md", Arity = ArgumentArity.OneOrMore };
        var site = CliConfiguration.SiteOption();
        var command = new Command("publish", "Publish posts into the site's storage (ContentStorage). Bad posts are reported as file:line: message; the others still publish.")
        {
            paths,
            site,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build(parse.GetValue(site));
            await using var services = CliConfiguration.Services(configuration);
            var files = PostFiles.Find(parse.GetValue(paths)!);
            var failed = await PostFilePublisher.PublishAsync(services.GetRequiredService<PostPublisher>(), files, output, error, cancellationToken);
            await output.WriteLineAsync($"{files.Count - failed} published, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }
}
