using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>What every <see cref="IMediaIndex"/> does: images by key, and which posts use which image.</summary>
public abstract class MediaIndexContract : PortContract<IMediaIndex>
{
    private static MediaImage Image(string key, string hash) =>
        new(key, hash, "photo", 1600, 900, [480, 960], "jpg", ["avif", "webp"], new MediaCredit(null, null));

    [Fact]
    public async Task Images_are_found_by_key_and_only_those_processed()
    {
        await Port.SaveAsync(Image("a/photo.jpg", "h1"), None);
        await Port.SaveAsync(Image("media/logo.png", "h2"), None);
        await Port.SaveAsync(Image("a/photo.jpg", "h3"), None);

        var found = await Port.GetManyAsync(["a/photo.jpg", "b/missing.jpg"], None);

        Assert.Equal("h3", Assert.Single(found).Value.Hash);
        Assert.Equal(["a/photo.jpg", "media/logo.png"], (await Port.ListAsync(None).ToListAsync()).Select(i => i.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_post_uses_exactly_the_images_it_last_named()
    {
        await Port.SetUsesAsync("a", ["a/photo.jpg", "media/logo.png"], None);
        await Port.SetUsesAsync("b", ["media/logo.png"], None);
        await Port.SetUsesAsync("a", ["a/photo.jpg"], None);

        Assert.Equal(["b"], await Port.UsersAsync("media/logo.png", None));
        Assert.Equal(["a"], await Port.UsersAsync("a/photo.jpg", None));
        var uses = await Port.AllUsesAsync(None).ToListAsync();
        Assert.Equal(["a/photo.jpg"], uses.Single(u => u.Slug == "a").Keys);
    }
}
