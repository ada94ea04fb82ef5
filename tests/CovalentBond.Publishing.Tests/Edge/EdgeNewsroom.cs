using System.Text;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Identity;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Testing.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Publishing.Tests.Edge;

/// <summary>A site in memory on a clock the test sets, whose CDN purges are recorded.</summary>
internal sealed class EdgeNewsroom : IAsyncDisposable
{
    public static readonly Caller Editor = TestCallers.Person("0e0e0e0e-1111-2222-3333-444444444444", "Edna Editor", Role.Editor);

    private readonly ServiceProvider services;

    public EdgeNewsroom(DateTimeOffset now)
    {
        Clock = new ManualClock(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:BaseUrl"] = "https://covalentbond.example/",
            ["Site:Name"] = "Covalent Bond",
            ["Site:TimeZone"] = "Europe/Belgrade",
        }).Build();
        services = new ServiceCollection().AddSingleton<TimeProvider>(Clock).AddCovalentBondCore(configuration).AddInMemoryStorage(Theme.Theme.Default).BuildServiceProvider();
    }

    public ManualClock Clock { get; }

    public RecordingEdgePurge Edge => services.GetRequiredService<RecordingEdgePurge>();

    public InMemorySiteStore Site => services.GetRequiredService<InMemorySiteStore>();

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public static string Story(string slug, DateTimeOffset date, string more = "") => $"""
        ---
        title: "Story {slug}"
        date: {date:yyyy-MM-ddTHH:mm:sszzz}
        author: Ana Author
        {(more.Contains("tags:", StringComparison.Ordinal) ? string.Empty : "tags: [Trade]")}
        {more}
        ---
        Body of {slug}.
        """;

    public async Task<PublishResult> PublishAsync(string slug, DateTimeOffset date, string more = "")
    {
        var result = await Get<PostPublisher>().PublishAsync(PostUpload.FromHttp(Encoding.UTF8.GetBytes(Story(slug, date, more)), slug, Editor));
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
        return result;
    }

    public string? CacheControlOf(string path) => Site.Files.TryGetValue(path, out var file) ? file.CacheControl : throw new KeyNotFoundException(path);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
