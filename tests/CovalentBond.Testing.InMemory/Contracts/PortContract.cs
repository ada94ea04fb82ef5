using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>
/// What every adapter of a port must do, written once: a test class per adapter derives from the port's contract and
/// says how to make a fresh, empty one (in memory, or on Azurite with containers and tables of its own).
/// </summary>
public abstract class PortContract<TPort> : IAsyncLifetime
    where TPort : class
{
    private IAsyncDisposable? owner;
    private TPort? port;

    /// <summary>The adapter under test, empty when each test starts.</summary>
    protected TPort Port => port ?? throw new InvalidOperationException("The adapter was not made.");

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A fresh adapter, and what to dispose of when the test ends (its storage), if anything.</summary>
    protected abstract Task<(TPort Port, IAsyncDisposable? Owner)> CreateAsync();

    public async Task InitializeAsync() => (port, owner) = await CreateAsync();

    public async Task DisposeAsync()
    {
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }
}
