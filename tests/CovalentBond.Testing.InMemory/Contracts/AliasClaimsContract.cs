using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="IAliasClaims"/> does: one post holds a file, whatever its case; a claim replaces only the claim it read.</summary>
public abstract class AliasClaimsContract : PortContract<IAliasClaims>
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task The_first_claim_on_a_file_wins_whatever_its_case()
    {
        Assert.True(await Port.TryClaimAsync("old/a/index.html", "a", null, Now, None));
        Assert.False(await Port.TryClaimAsync("OLD/A/index.html", "b", null, Now, None));

        var claim = await Port.GetAsync("Old/A/INDEX.html", None);
        Assert.Equal("a", claim!.Slug);
        Assert.Null(await Port.GetAsync("old/b/index.html", None));
    }

    [Fact]
    public async Task A_claim_is_replaced_only_over_the_claim_read_and_released_only_by_its_holder()
    {
        await Port.TryClaimAsync("x/index.html", "a", null, Now, None);
        var read = await Port.GetAsync("x/index.html", None);
        Assert.True(await Port.TryClaimAsync("x/index.html", "b", read, Now, None));
        Assert.False(await Port.TryClaimAsync("x/index.html", "c", read, Now, None));

        await Port.ReleaseAsync("x/index.html", "a", None);
        Assert.Equal("b", (await Port.GetAsync("x/index.html", None))!.Slug);
        await Port.ReleaseAsync("x/index.html", "b", None);
        Assert.Null(await Port.GetAsync("x/index.html", None));
    }
}
