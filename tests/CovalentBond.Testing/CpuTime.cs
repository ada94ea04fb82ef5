namespace CovalentBond.Testing;

/// <summary>
/// CPU time of the calling thread (<see cref="Publishing.Rendering.ThreadCpuClock"/>): what one synchronous piece of
/// work cost, unaffected by other tests running beside it.
/// </summary>
public static class CpuTime
{
    /// <summary>The calling thread's CPU time so far.</summary>
    public static TimeSpan OfThisThread() =>
        Publishing.Rendering.ThreadCpuClock.Now() ?? throw new PlatformNotSupportedException("this platform gives no thread CPU clock");

    /// <summary>
    /// Runs async <paramref name="work"/> with every continuation of ours on one thread of its own (a
    /// single-threaded synchronization context), and returns the CPU time used on that thread: what our
    /// code spent, without the storage SDK's I/O threads.
    /// </summary>
    public static TimeSpan Measure<T>(Func<Task<T>> work, out T result)
    {
        T value = default!;
        var used = TimeSpan.Zero;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var context = new PumpContext();
            SynchronizationContext.SetSynchronizationContext(context);
            var start = OfThisThread();
            var task = work();
            task.ContinueWith(_ => context.Complete(), TaskScheduler.Default);
            context.Run();
            used = OfThisThread() - start;
            if (task.IsFaulted)
            {
                failure = task.Exception!.InnerException;
            }
            else
            {
                value = task.Result;
            }
        }, maxStackSize: 16 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new AggregateException(failure);
        }

        result = value;
        return used;
    }

    private sealed class PumpContext : SynchronizationContext
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback, object?)> queue = [];

        public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public void Complete() => queue.CompleteAdding();

        public void Run()
        {
            foreach (var (callback, state) in queue.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}
