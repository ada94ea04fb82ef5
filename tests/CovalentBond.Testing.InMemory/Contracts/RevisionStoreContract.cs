using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="IRevisionStore"/> does: a revision comes back as kept, bytes and all; a post's list is its own, newest first.</summary>
public abstract class RevisionStoreContract : PortContract<IRevisionStore>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 18, 40, 12, 345, TimeSpan.Zero);

    private static PostRevision Revision(string slug, DateTimeOffset at, string hash, string name = "Ana Śmiałek") =>
        new(slug, PostRevision.IdOf(at, hash), hash, at, new Principal("a0000000-0000-4000-8000-000000000001", name), "publish", 5);

    [Fact]
    public async Task A_revision_comes_back_as_kept_and_a_posts_list_is_newest_first()
    {
        var older = Revision("story", Now, "aaaaaaaa11");
        var newer = Revision("story", Now.AddMinutes(5), "bbbbbbbb22");
        await Port.SaveAsync(older, "one\n"u8.ToArray(), None);
        await Port.SaveAsync(newer, "two\n"u8.ToArray(), None);
        await Port.SaveAsync(Revision("story-2", Now, "cccccccc33"), "other"u8.ToArray(), None);

        var list = await Port.ListAsync("story", None);

        Assert.Equal([newer.Id, older.Id], list.Select(r => r.Id));
        Assert.Equal("Ana Śmiałek", list[1].By.Name);
        Assert.Equal(Now, list[1].At);
        var read = await Port.ReadAsync("story", older.Id, None);
        Assert.Equal("one\n"u8.ToArray(), read!.Value.Content);
        Assert.Equal(older.ContentHash, read.Value.Revision.ContentHash);
        Assert.Null(await Port.ReadAsync("story", PostRevision.IdOf(Now.AddDays(1), "dddddddd"), None));
    }

    [Fact]
    public async Task A_revision_is_never_changed_by_saving_it_again()
    {
        var revision = Revision("story", Now, "aaaaaaaa11");
        await Port.SaveAsync(revision, "one\n"u8.ToArray(), None);
        await Port.SaveAsync(revision with { By = new Principal("x", "Mallory") }, "forged\n"u8.ToArray(), None);

        var read = await Port.ReadAsync("story", revision.Id, None);
        Assert.Equal("one\n"u8.ToArray(), read!.Value.Content);
        Assert.Equal("Ana Śmiałek", read.Value.Revision.By.Name);
    }
}
