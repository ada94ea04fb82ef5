using CovalentBond.Publishing.Pipeline;
using Spectre.Console;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// Publishes files through the shared publisher. On a terminal it shows a progress bar (Spectre.Console)
/// and then the problems; otherwise (a pipe, a log, a test) one plain line per file. Bad posts are
/// always <c>file:line: message</c> on the error stream.
/// </summary>
internal static class PostFilePublisher
{
    /// <summary>True when <paramref name="output"/> is this process's console and a person is watching it.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>What publishing one file came to: a line to show, or its problems.</summary>
    public sealed record FileOutcome(string? Line, IReadOnlyList<Publishing.Posts.PostProblem> Problems, string? Status = null, string? Url = null)
    {
        public bool Failed => Problems.Count > 0;
    }

    /// <summary>Publishing one file into storage through the shared publisher.</summary>
    public static Func<FileInfo, byte[], CancellationToken, Task<FileOutcome>> IntoStorage(PostPublisher publisher) =>
        async (file, content, ct) =>
        {
            var result = await publisher.PublishAsync(PostUpload.FromFile(content, file.FullName, StorageCaller.Current), ct);
            return result.IsRefused
                ? new FileOutcome(null, result.Problems)
                : new FileOutcome($"{result.Status.ToString().ToLowerInvariant(),-9} {result.Url}", [], result.Status.ToString().ToLowerInvariant(), result.Url);
        };

    /// <summary>Publishes into storage through the shared publisher.</summary>
    public static Task<int> PublishAsync(PostPublisher publisher, IReadOnlyList<FileInfo> files, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        PublishAsync(IntoStorage(publisher), files, output, error, cancellationToken);

    /// <returns>How many files failed.</returns>
    public static async Task<int> PublishAsync(
        Func<FileInfo, byte[], CancellationToken, Task<FileOutcome>> publishOne,
        IReadOnlyList<FileInfo> files,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (!IsTerminal(output))
        {
            return await PublishPlainAsync(publishOne, files, output, error, cancellationToken);
        }

        var problems = new List<string>();
        var failed = 0;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Publishing {files.Count} posts", maxValue: files.Count);
                foreach (var file in files)
                {
                    var (result, shown) = await PublishOneAsync(publishOne, file, cancellationToken);
                    if (result.Failed)
                    {
                        failed++;
                        problems.AddRange(result.Problems.Select(p => p.In(shown)));
                    }

                    task.Increment(1);
                }
            });

        foreach (var problem in problems)
        {
            await error.WriteLineAsync(problem);
        }

        return failed;
    }

    /// <summary>Publishes every file and prints one JSON array: per file its status and address, or its problems.</summary>
    /// <returns>How many files failed.</returns>
    public static async Task<int> PublishJsonAsync(
        Func<FileInfo, byte[], CancellationToken, Task<FileOutcome>> publishOne, IReadOnlyList<FileInfo> files, TextWriter output, CancellationToken cancellationToken)
    {
        var results = new List<object>();
        var failed = 0;
        foreach (var file in files)
        {
            var (result, shown) = await PublishOneAsync(publishOne, file, cancellationToken);
            failed += result.Failed ? 1 : 0;
            results.Add(new
            {
                file = shown,
                status = result.Failed ? "invalid" : result.Status,
                url = result.Url,
                problems = result.Problems.Select(p => new { line = p.Line, field = p.Field, message = p.Message, text = p.In(shown) }),
            });
        }

        await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(results, JsonOptions));
        return failed;
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task<int> PublishPlainAsync(
        Func<FileInfo, byte[], CancellationToken, Task<FileOutcome>> publishOne, IReadOnlyList<FileInfo> files, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var file in files)
        {
            var (result, shown) = await PublishOneAsync(publishOne, file, cancellationToken);
            if (result.Failed)
            {
                failed++;
                foreach (var problem in result.Problems)
                {
                    await error.WriteLineAsync(problem.In(shown));
                }

                continue;
            }

            await output.WriteLineAsync($"{result.Line}  ({shown})");
        }

        return failed;
    }

    private static async Task<(FileOutcome Result, string Shown)> PublishOneAsync(
        Func<FileInfo, byte[], CancellationToken, Task<FileOutcome>> publishOne, FileInfo file, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        return (await publishOne(file, content, cancellationToken), Path.GetRelativePath(Environment.CurrentDirectory, file.FullName));
    }
}
