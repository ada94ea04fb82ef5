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

// From its second run on, a command's code is compiled on the other core as it starts (docs/performance.md#full-build).
JitProfile.Start(args.FirstOrDefault());

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await CliApp.RunAsync(args, Console.Out, Console.Error, stopping.Token);
