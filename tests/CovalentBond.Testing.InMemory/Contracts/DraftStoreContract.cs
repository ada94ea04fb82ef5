using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="IDraftStore"/> does: one draft per person and post, replaced by each save, each person's their own.</summary>
public abstract class DraftStoreContract : PortContract<IDraftStore>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 30, 0, 250, TimeSpan.Zero);
    private const string Ana = "a0000000-0000-4000-8000-000000000001";
    private const string Boris = "a0000000-0000-4000-8000-000000000002";

    [Fact]
    public async Task A_draft_comes_back_as_kept_and_a_second_save_replaces_it()
    {
        await Port.SaveAsync(new PostDraft(Ana, "story", "\"0x8DC1\"", Now, 0), "first\n"u8.ToArray(), None);
        await Port.SaveAsync(new PostDraft(Ana, "story", "\"0x8DC2\"", Now.AddSeconds(5), 0), "second — ü\n"u8.ToArray(), None);

        var read = await Port.ReadAsync(Ana, "story", None);

        Assert.Equal("second — ü\n"u8.ToArray(), read!.Value.Content);
        Assert.Equal("\"0x8DC2\"", read.Value.Draft.BaseETag);
        Assert.Equal(Now.AddSeconds(5), read.Value.Draft.SavedAt);
        Assert.Equal("second — ü\n"u8.ToArray().Length, read.Value.Draft.Length);
    }

    [Fact]
    public async Task Each_persons_draft_is_their_own_and_deleting_it_leaves_the_others()
    {
        await Port.SaveAsync(new PostDraft(Ana, "story", "", Now, 0), "Ana's\n"u8.ToArray(), None);
        await Port.SaveAsync(new PostDraft(Boris, "story", "", Now, 0), "Boris's\n"u8.ToArray(), None);

        Assert.True(await Port.DeleteAsync(Ana, "story", None));
        Assert.False(await Port.DeleteAsync(Ana, "story", None));

        Assert.Null(await Port.ReadAsync(Ana, "story", None));
        Assert.Equal("Boris's\n"u8.ToArray(), (await Port.ReadAsync(Boris, "story", None))!.Value.Content);
        Assert.Null(await Port.ReadAsync(Boris, "other-story", None));
    }
}
