using System.Diagnostics;

namespace CovalentBond.Publishing.Rendering;

/// <summary>
/// A budget of CPU time for work on one thread (a post's reading and rendering, which do no I/O). The wall clock
/// is read first, cheaply: the thread cannot have used more CPU than the time that passed. Only when the wall
/// clock says the budget is gone is the thread's CPU time read, and if the thread was mostly waiting (the machine
/// busy with other work, a pause of the whole process) the deadline moves by what is left of the budget. So a
/// post is refused for what its own text costs, never because it was rendered on a loaded machine.
/// </summary>
public sealed class CpuDeadline
{
    private readonly TimeSpan budget;
    private readonly TimeSpan? cpuAtStart = ThreadCpuClock.Now();
    private long wallDeadline;

    /// <summary>Starts the budget now, on the calling thread; ask <see cref="Passed"/> on the same thread.</summary>
    public CpuDeadline(TimeSpan budget)
    {
        this.budget = budget;
        wallDeadline = Stopwatch.GetTimestamp() + Ticks(budget);
    }

    public TimeSpan Budget => budget;

    /// <summary>Whether the thread has used the whole budget of CPU (the wall clock's, where there is no CPU clock).</summary>
    public bool Passed()
    {
        var now = Stopwatch.GetTimestamp();
        if (now <= wallDeadline)
        {
            return false;
        }

        if (cpuAtStart is not { } start || ThreadCpuClock.Now() is not { } cpu)
        {
            return true;
        }

        var left = budget - (cpu - start);
        if (left <= TimeSpan.Zero)
        {
            return true;
        }

        wallDeadline = now + Ticks(left);
        return false;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
