using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CovalentBond.Cli.Api;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Ports;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// The posts of a site, from its storage: <c>list</c>, <c>show</c>, <c>unpublish</c>, <c>delete</c>, <c>restore</c>.
/// Every one has <c>--json</c> for scripts; an unknown slug is exit code 1 with a message naming it.
/// </summary>
internal static class PostCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static Argument<string> SlugArgument() => new("slug") { Description = "The post's slug (its address is /posts/<slug>/)." };

    public static Command List(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var apiOption = CliConfiguration.ApiOption();
        var status = new Option<PostStatus?>("--status")
        {
            Description = $"Only posts with this status ({string.Join(", ", PostStatusWords.All)}).",
            // The API's words (in-review), and the enum's names (InReview) as before.
            CustomParser = result =>
            {
                var word = result.Tokens.Single().Value;
                if (PostStatusWords.Parse(word) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"'{word}' is not a status: {string.Join(", ", PostStatusWords.All)}");
                return null;
            },
        };
        var command = new Command("list", "List the site's posts, newest first, with their status (scheduled posts with the time they go live).") { site, json, status, apiOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<PostOverview> posts;
            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                using var client = new ApiClient(api);
                var answer = await client.GetAsync(parse.GetValue(status) is { } wanted ? $"api/posts?status={PostStatusWords.Of(wanted)}" : "api/posts", cancellationToken);
                if (!answer.IsSuccess)
                {
                    await error.WriteLineAsync($"error: {answer.Get("detail") ?? answer.Text}");
                    return ExitCodes.SomeFailed;
                }

                posts = answer.Body!.Value.Deserialize<List<PostOverview>>(Json)!;
            }
            else
            {
                await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
                posts = await PostListing.ListAsync(services.GetRequiredService<IPostIndex>(), services.GetRequiredService<SiteOptions>().Articles, parse.GetValue(status), cancellationToken);
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(posts, Json));
                return ExitCodes.Success;
            }

            var culture = System.Globalization.CultureInfo.InvariantCulture;
            string State(PostOverview post) => post switch
            {
                { GoesLiveAt: { } at } => $"scheduled for {at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", culture)} UTC",
                { MovedTo: { } target } => $"moved to {target}",
                _ => post.Status,
            };

            if (PostFilePublisher.IsTerminal(output))
            {
                var table = new Table().AddColumns("Date", "Slug", "Status", "Title");
                foreach (var post in posts)
                {
                    table.AddRow(post.Date.ToString("yyyy-MM-dd", culture), Markup.Escape(post.Slug), Markup.Escape(State(post)), Markup.Escape(post.Title));
                }

                AnsiConsole.Write(table);
            }
            else
            {
                foreach (var post in posts)
                {
                    await output.WriteLineAsync($"{post.Date.ToString("yyyy-MM-dd", culture)}  {post.Slug,-40} {State(post),-32} {post.Title}");
                }
            }

            await output.WriteLineAsync($"{posts.Count} posts");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var slug = SlugArgument();
        var apiOption = CliConfiguration.ApiOption();
        var command = new Command("show", "Show one post as the index holds it: status, dates, tags, source, address.") { slug, site, json, apiOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(slug)!;
            PostOverview? post;
            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                using var client = new ApiClient(api);
                var answer = await client.GetAsync($"api/posts/{Uri.EscapeDataString(wanted)}", cancellationToken);
                post = answer.IsSuccess ? answer.Body!.Value.Deserialize<PostOverview>(Json) : null;
                if (!answer.IsSuccess && answer.Status != 404)
                {
                    await error.WriteLineAsync($"error: {answer.Get("detail") ?? answer.Text}");
                    return ExitCodes.SomeFailed;
                }
            }
            else
            {
                await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
                post = await services.GetRequiredService<IPostIndex>().GetAsync(wanted, cancellationToken) is { } record ? PostOverview.Of(record, services.GetRequiredService<SiteOptions>().Articles) : null;
            }

            if (post is null)
            {
                await error.WriteLineAsync($"error: there is no post '{wanted}'");
                return ExitCodes.SomeFailed;
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(post, Json));
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"{post.Title}");
            await output.WriteLineAsync($"  slug:     {post.Slug}  ({post.Url})");
            await output.WriteLineAsync($"  status:   {post.Status}{(post.GoesLiveAt is { } at ? $", goes live {at:u}" : "")}{(post.MovedTo is { } target ? $", moved to {target}" : "")}");
            await output.WriteLineAsync($"  date:     {post.Date:yyyy-MM-dd HH:mm zzz}" + (post.ExpiryDate is { } expiry ? $"; expires {expiry:u}" : ""));
            await output.WriteLineAsync($"  author:   {post.Author}");
            await output.WriteLineAsync($"  tags:     {string.Join(", ", post.Tags)}");
            await output.WriteLineAsync($"  source:   {post.Source} (sha256 {post.ContentHash[..Math.Min(12, post.ContentHash.Length)]}…), version {post.Version}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Unpublish(TextWriter output, TextWriter error) =>
        Lifecycle("unpublish", "Take a post off the site (its address becomes a plain 404). The source is kept; 'restore' brings it back.",
            (p, s, _, c) => p.GetRequiredService<PostWithdrawal>().UnpublishAsync(s, StorageCaller.Current, cancellationToken: c), (a, s, _, c) => a.UnpublishAsync(s, c), output, error);

    public static Command Delete(TextWriter output, TextWriter error) =>
        Lifecycle("delete", "Delete a post: off the site, and its address answers \"removed\". The source is kept; 'restore' brings it back.",
            (p, s, _, c) => p.GetRequiredService<PostWithdrawal>().DeleteAsync(s, StorageCaller.Current, cancellationToken: c), (a, s, _, c) => a.DeleteAsync(s, c), output, error);

    public static Command Restore(TextWriter output, TextWriter error) =>
        Lifecycle("restore", "Publish an unpublished or deleted post again from its stored source.",
            (p, s, _, c) => p.GetRequiredService<PostRestorer>().RestoreAsync(s, StorageCaller.Current, cancellationToken: c), (a, s, _, c) => a.RestoreAsync(s, c), output, error);

    /// <summary>A command that changes one post's state, on the storage account or over the API.</summary>
    /// <param name="name">The command.</param>
    /// <param name="description">Its help.</param>
    /// <param name="action">On the storage account: the use case.</param>
    /// <param name="apiAction">Over the API: the call.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="options">Options of this command beyond the common ones; the actions read them from the parse result.</param>
    internal static Command Lifecycle(
        string name,
        string description,
        Func<IServiceProvider, string, ParseResult, CancellationToken, Task<PublishResult?>> action,
        Func<ApiClient, string, ParseResult, CancellationToken, Task<ApiAnswer>> apiAction,
        TextWriter output,
        TextWriter error,
        params Option[] options)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var slug = SlugArgument();
        var apiOption = CliConfiguration.ApiOption();
        var command = new Command(name, description) { slug, site, json, apiOption };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(slug)!;
            if (!Slug.IsValid(wanted))
            {
                throw new CliException($"'{wanted}' is not a slug: lowercase letters, digits and hyphens");
            }

            if (ApiSettings.Resolve(parse.GetValue(apiOption)) is { } api)
            {
                using var client = new ApiClient(api);
                var answer = await apiAction(client, wanted, parse, cancellationToken);
                if (answer.Status == 404)
                {
                    await error.WriteLineAsync($"error: there is no post '{wanted}'");
                    return ExitCodes.SomeFailed;
                }

                if (!answer.IsSuccess)
                {
                    foreach (var problem in answer.Problems())
                    {
                        await error.WriteLineAsync(problem.In(wanted));
                    }

                    return ExitCodes.SomeFailed;
                }

                var written = answer.Body is { } body && body.TryGetProperty("pagesWritten", out var pages) ? pages.GetArrayLength() : 0;
                await output.WriteLineAsync(parse.GetValue(json) ? answer.Text : $"{answer.Get("slug")}: {answer.Get("postStatus")} ({written} files written or removed)");
                return ExitCodes.Success;
            }

            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var result = await action(services, wanted, parse, cancellationToken);
            if (result is null)
            {
                await error.WriteLineAsync($"error: there is no post '{wanted}'");
                return ExitCodes.SomeFailed;
            }

            if (result.IsRefused)
            {
                foreach (var problem in result.Problems)
                {
                    await error.WriteLineAsync(problem.In(wanted));
                }

                return ExitCodes.SomeFailed;
            }

            await output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { result.Slug, Status = result.PostStatus, result.Url, result.PagesWritten }, Json)
                : $"{result.Slug}: {result.PostStatus?.ToString().ToLowerInvariant()} ({result.PagesWritten.Count} files written or removed)");
            return ExitCodes.Success;
        });
        return command;
    }
}
