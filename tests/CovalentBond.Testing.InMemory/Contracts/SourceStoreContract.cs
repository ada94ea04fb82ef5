using CovalentBond.Publishing;
using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="ISourceStore"/> does: it keeps authors' bytes as given, with their hash.</summary>
public abstract class SourceStoreContract : PortContract<ISourceStore>
{
    [Fact]
    public async Task A_source_reads_back_byte_for_byte_with_its_hash_and_is_not_written_again_unchanged()
    {
        byte[] content = [.. "---\ntitle: Ä\n---\nbody\n"u8, 0xEF, 0xBB, 0xBF];
        var hash = ContentHash.Of(content);

        Assert.True(await Port.SaveAsync("2025/a.md", content, hash, "a", None));
        Assert.False(await Port.SaveAsync("2025/a.md", content, hash, "a", None));

        Assert.Equal(content, await Port.ReadAsync("2025/a.md", None));
        Assert.Equal(hash, await Port.HashAsync("2025/a.md", None));
        Assert.Equal(["2025/a.md"], await Port.ListAsync(None).ToListAsync());
    }

    [Fact]
    public async Task A_new_version_replaces_the_old_and_a_missing_source_is_null()
    {
        await Port.SaveAsync("b.md", "one"u8.ToArray(), ContentHash.Of("one"u8), "b", None);
        Assert.True(await Port.SaveAsync("b.md", "two"u8.ToArray(), ContentHash.Of("two"u8), "b", None));

        Assert.Equal("two"u8.ToArray(), await Port.ReadAsync("b.md", None));
        Assert.Null(await Port.ReadAsync("c.md", None));
        Assert.Null(await Port.HashAsync("c.md", None));
    }

    [Fact]
    public async Task A_conditional_save_writes_only_over_the_source_it_expects()
    {
        var first = "---\ntitle: A\n---\none"u8.ToArray();
        var second = "---\ntitle: A\n---\ntwo"u8.ToArray();
        var third = "---\ntitle: A\n---\nthree"u8.ToArray();

        // A new source: only where there is none.
        Assert.True(await Port.SaveIfAsync("a.md", first, ContentHashOf(first), "a", null, None));
        Assert.Null(await Port.SaveIfAsync("a.md", second, ContentHashOf(second), "a", null, None));

        // Two saves from the same version: the first wins, the second writes nothing.
        Assert.True(await Port.SaveIfAsync("a.md", second, ContentHashOf(second), "a", ContentHashOf(first), None));
        Assert.Null(await Port.SaveIfAsync("a.md", third, ContentHashOf(third), "a", ContentHashOf(first), None));
        Assert.Equal(second, await Port.ReadAsync("a.md", None));

        // The same bytes again are no change, whatever was expected.
        Assert.False(await Port.SaveIfAsync("a.md", second, ContentHashOf(second), "a", ContentHashOf(first), None));
        Assert.Null(await Port.SaveIfAsync("b.md", first, ContentHashOf(first), "b", ContentHashOf(first), None));
    }

    private static string ContentHashOf(byte[] content) => Publishing.ContentHash.Of(content);
}
