using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CovalentBond.Cli.Api;
using CovalentBond.Publishing.Index;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Publishing;
using Microsoft.Extensions.DependencyInjection;

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
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static Argument<string> SlugArgument() => new("slug") { Description = "The post's slug (its address is /posts/<slug>/)." };

    public static Command List(TextWriter output)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var status = new Option<PostStatus?>("--status") { Description = "Only posts with this status (published, scheduled, draft, expired, unpublished, deleted, moved)." };
        var command = new Command("list", "List the site's posts, newest first, with their status (scheduled posts with the time they go live).") { site, json, status };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var records = new List<PostRecord>();
            await foreach (var record in services.GetRequiredService<IPostIndex>().AllAsync(cancellationToken))
            {
                if (parse.GetValue(status) is not { } wanted || record.Status == wanted)
                {
                    records.Add(record);
                }
            }

            records.Sort((a, b) => b.Date.CompareTo(a.Date));
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(records.Select(Summary), Json));
                return ExitCodes.Success;
            }

            var culture = System.Globalization.CultureInfo.InvariantCulture;
            foreach (var record in records)
            {
                var state = record.Status switch
                {
                    PostStatus.Scheduled => $"scheduled for {record.GoesLiveAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", culture)} UTC",
                    PostStatus.Moved => $"moved to {record.MovedTo}",
                    _ => record.Status.ToString().ToLowerInvariant(),
                };
                await output.WriteLineAsync($"{record.Date.ToString("yyyy-MM-dd", culture)}  {record.Slug,-40} {state,-32} {record.Title}");
            }

            await output.WriteLineAsync($"{records.Count} posts");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show(TextWriter output, TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var slug = SlugArgument();
        var command = new Command("show", "Show one post as the index holds it: status, dates, tags, source, address.") { slug, site, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliConfiguration.Services(CliConfiguration.Build(parse.GetValue(site)));
            var record = await services.GetRequiredService<IPostIndex>().GetAsync(parse.GetValue(slug)!, cancellationToken);
            if (record is null)
            {
                await error.WriteLineAsync($"error: there is no post '{parse.GetValue(slug)}'");
                return ExitCodes.SomeFailed;
            }

            var summary = Summary(record);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(summary, Json));
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"{record.Title}");
            await output.WriteLineAsync($"  slug:     {record.Slug}  ({summary.Url})");
            await output.WriteLineAsync($"  status:   {summary.Status}{(record.Status == PostStatus.Scheduled ? $", goes live {record.GoesLiveAt:u}" : "")}");
            await output.WriteLineAsync($"  date:     {record.Date:yyyy-MM-dd HH:mm zzz}" + (record.ExpiryDate is { } expiry ? $"; expires {expiry:u}" : ""));
            await output.WriteLineAsync($"  author:   {record.Author}");
            await output.WriteLineAsync($"  tags:     {string.Join(", ", record.Tags.Select(t => t.Name))}");
            await output.WriteLineAsync($"  source:   {record.SourceName} (sha256 {record.ContentHash[..12]}…), version {record.Version}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Unpublish(TextWriter output, TextWriter error) =>
        Lifecycle("unpublish", "Take a post off the site (its address becomes a plain 404). The source is kept; 'restore' brings it back.",
            (p, s, c) => p.UnpublishAsync(s, c), (a, s, c) => a.UnpublishAsync(s, c), output, error);

    public static Command Delete(TextWriter output, TextWriter error) =>
        Lifecycle("delete", "Delete a post: off the site, and its address answers \"removed\". The source is kept; 'restore' brings it back.",
            (p, s, c) => p.DeleteAsync(s, c), (a, s, c) => a.DeleteAsync(s, c), output, error);

    public static Command Restore(TextWriter output, TextWriter error) =>
        Lifecycle("restore", "Publish an unpublished or deleted post again from its stored source.",
            (p, s, c) => p.RestoreAsync(s, c), (a, s, c) => a.RestoreAsync(s, c), output, error);

    private static Command Lifecycle(
        string name,
        string description,
        Func<PostPublisher, string, CancellationToken, Task<PublishResult?>> action,
        Func<ApiClient, string, CancellationToken, Task<ApiAnswer>> apiAction,
        TextWriter output,
        TextWriter error)
    {
        var site = CliConfiguration.SiteOption();
        var json = RepublishCommands.JsonOption();
        var slug = SlugArgument();
        var apiOption = CliConfiguration.ApiOption();
        var command = new Command(name, description) { slug, site, json, apiOption };
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
                var answer = await apiAction(client, wanted, cancellationToken);
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
            var result = await action(services.GetRequiredService<PostPublisher>(), wanted, cancellationToken);
            if (result is null)
            {
                await error.WriteLineAsync($"error: there is no post '{wanted}'");
                return ExitCodes.SomeFailed;
            }

            if (result.Status == PublishStatus.Invalid)
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

    private static PostSummaryView Summary(PostRecord record) => new(
        record.Slug,
        record.Title,
        record.Status,
        record.Date,
        record.Status == PostStatus.Scheduled ? record.GoesLiveAt : null,
        record.ExpiryDate,
        record.Tags.Select(t => t.Name).ToList(),
        SitePaths.PostUrl(record.Slug),
        record.SourceName,
        record.Version);

    private sealed record PostSummaryView(
        string Slug,
        string Title,
        PostStatus Status,
        DateTimeOffset Date,
        DateTimeOffset? GoesLiveAt,
        DateTimeOffset? ExpiryDate,
        IReadOnlyList<string> Tags,
        string Url,
        string Source,
        long Version);
}
