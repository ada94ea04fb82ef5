using System.Runtime.InteropServices;
using CovalentBond.Cli;

// Ctrl+C (SIGINT) and SIGTERM stop long-running commands (dev, serve) cleanly, so the private Azurite
// they started is stopped too.
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await CliApp.RunAsync(args, Console.Out, Console.Error, stopping.Token);
