using System.Runtime.CompilerServices;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Ports;

namespace CovalentBond.Testing.InMemory;

/// <summary>Processed images and which posts use them, in memory.</summary>
public sealed class InMemoryMediaIndex : IMediaIndex
{
    private readonly Dictionary<string, MediaImage> images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> uses = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task<IReadOnlyDictionary<string, MediaImage>> GetManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, MediaImage>>(keys.Distinct(StringComparer.Ordinal)
                .Where(images.ContainsKey).ToDictionary(k => k, k => images[k], StringComparer.Ordinal));
        }
    }

    public Task SaveAsync(MediaImage image, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            images[image.Key] = image;
            return Task.CompletedTask;
        }
    }

    public Task SetUsesAsync(string slug, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // As the table keeps it: a post that used images and uses none now keeps an empty list.
            if (keys.Count > 0 || uses.ContainsKey(slug))
            {
                uses[slug] = keys.Distinct(StringComparer.Ordinal).ToList();
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<string>> UsersAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(uses.Where(u => u.Value.Contains(key)).Select(u => u.Key).Order(StringComparer.Ordinal).ToList());
        }
    }

    public async IAsyncEnumerable<(string Slug, IReadOnlyList<string> Keys)> AllUsesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<(string, IReadOnlyList<string>)> all;
        lock (gate)
        {
            all = uses.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (u.Key, u.Value)).ToList();
        }

        foreach (var use in all)
        {
            yield return use;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<MediaImage> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<MediaImage> all;
        lock (gate)
        {
            all = images.Values.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        }

        foreach (var image in all)
        {
            yield return image;
        }

        await Task.CompletedTask;
    }
}
