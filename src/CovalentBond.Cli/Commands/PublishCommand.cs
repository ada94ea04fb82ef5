using System.CommandLine;
using CovalentBond.Cli.Api;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Publishing;
using CovalentBond.Publishing.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary><c>covalent publish &lt;files|folders&gt;</c>: publish Markdown posts straight into storage.</summary>
internal static class PublishCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Markdown files, or folders to search for *.md", Arity = ArgumentArity.OneOrMore };
        var site = CliConfiguration.SiteOption();
        var apiOption = CliConfiguration.ApiOption();
        var json = RepublishCommands.JsonOption();
        var command = new Command("publish", "Publish posts into the site's storage (ContentStorage), or through its HTTP API with --api. Bad posts are reported as file:line: message; the others still publish.")
        {
            paths,
            site,
            apiOption,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build(parse.GetValue(site));
            var files = PostFiles.Find(parse.GetValue(paths)!);
            ServiceProvider? services = null;
            ApiClient? client = null;
            Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> publishOne;
            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                api.RequireKey(admin: false);
                client = new ApiClient(api);
                publishOne = ThroughApi(client, configuration);
            }
            else
            {
                services = CliConfiguration.Services(configuration);
                publishOne = PostFilePublisher.IntoStorage(services.GetRequiredService<PostPublisher>());
            }

            await using var disposeServices = services;
            using var disposeClient = client;
            if (parse.GetValue(json))
            {
                return await PostFilePublisher.PublishJsonAsync(publishOne, files, output, cancellationToken) == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
            }

            var failed = await PostFilePublisher.PublishAsync(publishOne, files, output, error, cancellationToken);
            await output.WriteLineAsync($"{files.Count - failed} published, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }

    /// <summary>Each file is checked here first (problems with file and line, no round trip), then PUT to /api/posts/{slug}.</summary>
    private static Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> ThroughApi(ApiClient client, IConfiguration configuration)
    {
        var options = new SiteOptions();
        configuration.GetSection(SiteOptions.SectionName).Bind(options);
        var reader = new PostReader(options);
        return async (file, content, ct) =>
        {
            var parsed = reader.Read(content, file.Name);
            if (!parsed.IsValid)
            {
                return new PostFilePublisher.FileOutcome(null, parsed.Problems);
            }

            var answer = await client.PublishAsync(parsed.Post!.Slug, content, ct);
            return answer.IsSuccess
                ? new PostFilePublisher.FileOutcome($"{answer.Get("status"),-9} {answer.Get("url")}", [], answer.Get("status"), answer.Get("url"))
                : new PostFilePublisher.FileOutcome(null, answer.Problems());
        };
    }
}
