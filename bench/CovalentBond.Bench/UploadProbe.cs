using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CovalentBond.Cli.Local;

namespace CovalentBond.Bench;

/// <summary>
/// What Azurite's blob service spends on a page upload that creates a blob and on one that overwrites it,
/// with as many other blobs in the account as the republish benchmark holds (diagnostic).
/// </summary>
internal static class UploadProbe
{
    public static async Task RunAsync(string root, int count)
    {
        await using var azurite = await AzuriteServer.StartAsync(root);
        var service = new BlobServiceClient(azurite.ConnectionString);
        var sources = service.GetBlobContainerClient("sources");
        var site = service.GetBlobContainerClient("site");
        await sources.CreateAsync();
        await site.CreateAsync();
        var page = new byte[12_000];
        new Random(1).NextBytes(page);
        var etags = new ETag[count];

        async Task Phase(string what, BlobContainerClient container, Func<int, BlobUploadOptions> options)
        {
            var before = azurite.ProcessorTimes[0];
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            {
                var response = await container.GetBlobClient($"2020/01/{i:D5}/index.html").UploadAsync(new BinaryData(page), options(i), token);
                etags[i] = response.Value.ETag;
            });
            var cpu = azurite.ProcessorTimes[0] - before;
            Console.WriteLine($"{what,-40} {clock.Elapsed.TotalSeconds,6:F1} s wall  {cpu.TotalMilliseconds / count,6:F2} ms of blob-service CPU an upload");
        }

        BlobUploadOptions Ours(int i, ETag? over) => new()
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8", CacheControl = "public, max-age=300" },
            Metadata = new Dictionary<string, string> { ["sha256"] = new string('a', 64), ["version"] = "12345" },
            Conditions = over is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
        };

        // UPLOADS_NO_SOURCES=1: the site's pages alone in the account (as when the site has a storage account of its own).
        if (Environment.GetEnvironmentVariable("UPLOADS_NO_SOURCES") != "1")
        {
            await Phase("sources: create", sources, i => Ours(i, null));
        }

        await Phase("site: create", site, i => Ours(i, null));
        await Phase("site: overwrite (If-Match)", site, i => Ours(i, etags[i]));
        await Phase("site: overwrite again (If-Match)", site, i => Ours(i, etags[i]));
        foreach (var (prefix, metadata) in new[] { ("2020/01/0001", true), ("tags/", true), ("2020/", true), ("2020/", false) })
        {
            var before = azurite.ProcessorTimes[0];
            var clock = Stopwatch.StartNew();
            var n = 0;
            for (var round = 0; round < 5; round++)
            {
                await foreach (var item in site.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = metadata ? BlobTraits.Metadata : BlobTraits.None }))
                {
                    n++;
                }
            }

            Console.WriteLine($"listing '{prefix}' (metadata: {metadata}): {n / 5} files, {clock.Elapsed.TotalMilliseconds / 5:F0} ms wall, {(azurite.ProcessorTimes[0] - before).TotalMilliseconds / 5:F0} ms of blob-service CPU a listing");
        }

        await Phase("site: overwrite (no condition)", site, i => new BlobUploadOptions { HttpHeaders = Ours(i, null).HttpHeaders, Metadata = Ours(i, null).Metadata });
    }
}
