using System.Runtime.InteropServices;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// The CPU time the calling thread has used: what a post's rendering really cost, whatever else the machine was
/// doing meanwhile (other requests, a garbage collection on another thread, a busy neighbour). Linux and macOS
/// read <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, Windows <c>GetThreadTimes</c>; elsewhere there is none.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int LinuxThreadCpuTime = 3;
    private const int MacThreadCpuTime = 16;

    private static readonly bool Available = Probe();

    /// <summary>The calling thread's CPU time so far, or null where the platform gives none.</summary>
    public static TimeSpan? Now()
    {
        if (!Available)
        {
            return null;
        }

        if (OperatingSystem.IsWindows())
        {
            return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user)
                ? TimeSpan.FromTicks(kernel + user)
                : null;
        }

        return ClockGetTime(OperatingSystem.IsMacOS() ? MacThreadCpuTime : LinuxThreadCpuTime, out var time) == 0
            ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100))
            : null;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return OperatingSystem.IsWindows()
                ? GetThreadTimes(GetCurrentThread(), out _, out _, out _, out _)
                : ClockGetTime(OperatingSystem.IsMacOS() ? MacThreadCpuTime : LinuxThreadCpuTime, out _) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("kernel32")]
    private static partial nint GetCurrentThread();

    /// <summary>Times in 100 ns units, as <see cref="TimeSpan"/> ticks are.</summary>
    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(nint thread, out long creation, out long exit, out long kernel, out long user);
}
