using System.CommandLine;
using CovalentBond.Cli.Commands;

namespace CovalentBond.Cli;

/// <summary>The <c>covalent</c> command line: parsing and help by System.CommandLine, work by the shared services.</summary>
public static class CliApp
{
    /// <param name="output">Where it prints.</param>
    /// <param name="error">Where it complains.</param>
    /// <param name="clock">The clock of <c>covalent dev</c>'s pipeline (the system's; a test moves it on to bring a schedule's time).</param>
    public static RootCommand CreateRootCommand(TextWriter output, TextWriter error, TimeProvider? clock = null) =>
        new("covalent: publish and run the Covalent Bond site from the command line.")
        {
            DevCommand.Create(output, error, clock ?? TimeProvider.System),
            AuthorCommands.New(output, error),
            AuthorCommands.Preview(output, error),
            BuildCommand.Create(output, error),
            ImportCommand.Create(output, error),
            PublishCommand.Create(output, error),
            ServeCommand.Create(output, error),
            PostCommands.List(output, error),
            PostCommands.Show(output, error),
            PostCommands.Unpublish(output, error),
            PostCommands.Delete(output, error),
            PostCommands.Restore(output, error),
            ReviewCommands.Submit(output, error),
            ReviewCommands.Approve(output, error),
            ReviewCommands.Return(output, error),
            RepublishCommands.Republish(output, error),
            RepublishCommands.Status(output, error),
            WebhookCommands.Create(output, error),
            VerifyCommand.Create(output, error),
            WhoAmICommand.Create(output, error),
            SignInCommands.Login(output, error),
            SignInCommands.Logout(output),
            AdminCommands.Create(output, error),
        };

    /// <summary>Runs the command line; the exit code is 0 on success, 1 when some work failed, 2 on a usage or setup error.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, null, cancellationToken);

    /// <summary>Runs the command line with <c>covalent dev</c>'s pipeline on <paramref name="clock"/> (a test's, moved on to bring a schedule's time).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider? clock, CancellationToken cancellationToken = default)
    {
        var command = CreateRootCommand(output, error, clock);
        var parsed = command.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.SetupError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("stopped");
            return ExitCodes.SomeFailed;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            // Expected kinds of failure (storage unreachable, file unreadable): the message, not a stack trace.
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.SomeFailed;
        }
    }
}

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int SomeFailed = 1;
    public const int SetupError = 2;
}

/// <summary>A problem with how the command was called or set up; printed without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
