using CovalentBond.Publishing.Publishing;

namespace CovalentBond.Cli.Commands;

/// <summary>Publishes files through the shared publisher and reports each as a line; bad posts as <c>file:line: message</c>.</summary>
internal static class PostFilePublisher
{
    /// <returns>How many files failed.</returns>
    public static async Task<int> PublishAsync(PostPublisher publisher, IReadOnlyList<FileInfo> files, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var file in files)
        {
            var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            var result = await publisher.PublishAsync(PublishUpload(content, file.Name), cancellationToken);
            var shown = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
            if (result.Status == PublishStatus.Invalid)
            {
                failed++;
                foreach (var problem in result.Problems)
                {
                    await error.WriteLineAsync(problem.In(shown));
                }

                continue;
            }

            await output.WriteLineAsync($"{result.Status.ToString().ToLowerInvariant(),-9} {result.Url}  ({shown})");
        }

        return failed;
    }

    private static PostUpload PublishUpload(byte[] content, string fileName) => PostUpload.FromFile(content, fileName);
}
