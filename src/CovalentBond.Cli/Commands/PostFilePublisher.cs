using CovalentBond.Publishing.Publishing;
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
    public sealed record FileOutcome(string? Line, IReadOnlyList<Publishing.Posts.PostProblem> Problems)
    {
        public bool Failed => Problems.Count > 0;
    }

    /// <summary>Publishes into storage through the shared publisher.</summary>
    public static Task<int> PublishAsync(PostPublisher publisher, IReadOnlyList<FileInfo> files, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        PublishAsync(
            async (file, content, ct) =>
            {
                var result = await publisher.PublishAsync(PostUpload.FromFile(content, file.Name), ct);
                return result.Status == PublishStatus.Invalid
                    ? new FileOutcome(null, result.Problems)
                    : new FileOutcome($"{result.Status.ToString().ToLowerInvariant(),-9} {result.Url}", []);
            },
            files,
            output,
            error,
            cancellationToken);

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
