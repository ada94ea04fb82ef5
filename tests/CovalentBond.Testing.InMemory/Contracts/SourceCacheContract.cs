using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="ISourceCache"/> does: copies by slug, read a range at a time.</summary>
public abstract class SourceCacheContract : PortContract<ISourceCache>
{
    [Fact]
    public async Task A_range_returns_the_copies_of_the_slugs_between_its_ends_with_their_hashes()
    {
        await Port.PutAsync("alpha", "h1", "a"u8.ToArray(), None);
        await Port.PutAsync("beta", "h2", "b"u8.ToArray(), None);
        await Port.PutAsync("gamma", "h3", "g"u8.ToArray(), None);
        await Port.PutAsync("beta", "h4", "b2"u8.ToArray(), None);

        var range = await Port.RangeAsync("alpha", "beta", None);

        Assert.Equal(["alpha", "beta"], range.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("h4", range["beta"].Hash);
        Assert.Equal("b2"u8.ToArray(), range["beta"].Content);
    }
}
