using System.CommandLine;
using CovalentBond.Cli.Api;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
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
            var files = PostFiles.Find(parse.GetValue(paths)!, error);
            ServiceProvider? services = null;
            ApiClient? client = null;
            Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> publishOne;
            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                api.EnsureSignedIn();
                client = new ApiClient(api);
                publishOne = ThroughApi(client, configuration);
            }
            else
            {
                services = CliConfiguration.Services(configuration);
                publishOne = IntoStorage(services);
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

    /// <summary>Publishes one file with its images through the publish use case of <paramref name="services"/>, whatever stores they hold.</summary>
    internal static Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> IntoStorage(IServiceProvider services) =>
        WithImages(services.GetRequiredService<PostReader>(), services.GetRequiredService<MediaPublisher>(), PostFilePublisher.IntoStorage(services.GetRequiredService<PostPublisher>()));

    /// <summary>
    /// The post's images first (named by relative path, or in its bundle), then the post, so that its page shows
    /// them from its first render. A refused image is one of the post's problems, and the post is not published.
    /// </summary>
    private static Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> WithImages(
        PostReader reader, MediaPublisher media, Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> publishPost) =>
        async (file, content, ct) =>
        {
            if (reader.Read(content, file.FullName).Post is { } post)
            {
                var refused = new List<PostProblem>();
                foreach (var (key, image) in MediaFilePublisher.ImagesOf(file, post))
                {
                    var result = image.Length > media.Options.MaxUploadBytes
                        ? MediaPublishResult.Refused($"{image.Name}: {image.Length:N0} bytes is over the limit of {media.Options.MaxUploadBytes:N0} bytes (Media:MaxUploadBytes)")
                        : await media.PublishAsync(key, await File.ReadAllBytesAsync(image.FullName, ct), cancellationToken: ct);
                    if (result.IsRefused)
                    {
                        refused.Add(new PostProblem(null, "image", result.Problem!));
                    }
                }

                if (refused.Count > 0)
                {
                    return new PostFilePublisher.FileOutcome(null, refused);
                }
            }

            return await publishPost(file, content, ct);
        };

    /// <summary>Each file is checked here first (problems with file and line, no round trip), then PUT to /api/posts/{slug}.</summary>
    private static Func<FileInfo, byte[], CancellationToken, Task<PostFilePublisher.FileOutcome>> ThroughApi(ApiClient client, IConfiguration configuration)
    {
        var reader = new PostReader(CoreServices.SiteOptionsOf(configuration));
        return async (file, content, ct) =>
        {
            var parsed = reader.Read(content, file.Name);
            if (!parsed.IsValid)
            {
                return new PostFilePublisher.FileOutcome(null, parsed.Problems);
            }

            // Its images first, beside the post where the site looks for them ({slug}/{file} over HTTP).
            var slug = parsed.Post!.Slug;
            foreach (var (key, image) in MediaFilePublisher.ImagesOf(file, parsed.Post))
            {
                var name = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
                var put = await client.PublishMediaAsync(slug, name, await File.ReadAllBytesAsync(image.FullName, ct), ct);
                if (!put.IsSuccess)
                {
                    return new PostFilePublisher.FileOutcome(null, [new PostProblem(null, "image", $"{image.Name}: {put.Get("detail") ?? put.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}")]);
                }
            }

            var answer = await client.PublishAsync(slug, content, ct);
            return answer.IsSuccess
                ? new PostFilePublisher.FileOutcome($"{answer.Get("status"),-9} {answer.Get("url")}", [], answer.Get("status"), answer.Get("url"))
                : new PostFilePublisher.FileOutcome(null, answer.Problems());
        };
    }
}
