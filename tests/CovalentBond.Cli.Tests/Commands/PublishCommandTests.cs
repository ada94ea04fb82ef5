using Azure.Storage.Blobs;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("posts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_folder_with_a_bad_post_publishes_the_others_reports_file_and_line_and_exits_1()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "2025-05-17-good.md"), "---\ntitle: Good\ndate: 2025-05-17\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), "---\ntitle: Bad\ndate: someday\n---\nbody");
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        var run = new CliRun();

        var exit = await run.RunAsync(["publish", folder, "--site", siteFile]);

        Assert.Equal(1, exit);
        Assert.Matches(@"bad\.md:3: date: 'someday' is not a date", run.ErrorText);
        Assert.Contains("1 published, 1 failed", run.OutputText, StringComparison.Ordinal);

        var container = SiteContainer(siteFile);
        Assert.True(await container.GetBlobClient("posts/good/index.html").ExistsAsync());
        Assert.False(await container.GetBlobClient("posts/bad/index.html").ExistsAsync());
    }

    [Fact]
    public async Task Publishing_a_post_uploads_the_images_it_names_and_its_bundle_holds_and_the_page_shows_them()
    {
        using var images = new Testing.Images.TestImages();
        var bundle = Directory.CreateDirectory(Path.Combine(folder, "2025-05-20-night-train")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bundle, "index.md"),
            "---\ntitle: Night train\ndate: 2025-05-20\nimage: cover.jpg\nimageAlt: The carriage at dusk\n---\n![The platform](shots/platform.png)\n");
        await File.WriteAllBytesAsync(Path.Combine(bundle, "cover.jpg"), await images.CameraJpegAsync());
        Directory.CreateDirectory(Path.Combine(bundle, "shots"));
        await File.WriteAllBytesAsync(Path.Combine(bundle, "shots", "platform.png"), await images.TransparentPngAsync());
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        var run = new CliRun();

        Assert.Equal(0, await run.RunAsync(["publish", Path.Combine(bundle, "index.md"), "--site", siteFile]));

        var container = SiteContainer(siteFile);
        var page = (await container.GetBlobClient("posts/night-train/index.html").DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "<picture>"));
        var variants = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "media/", CancellationToken.None))
        {
            variants.Add(blob.Name);
        }

        Assert.Contains(variants, v => v.EndsWith("/cover-640.avif", StringComparison.Ordinal));
        Assert.Contains(variants, v => v.EndsWith("/platform-640.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_with_json_prints_each_files_outcome_for_scripts()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "2025-05-17-good.md"), "---\ntitle: Good\ndate: 2025-05-17\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), "---\ntitle: Bad\ndate: someday\n---\nbody");
        var run = new CliRun();

        Assert.Equal(1, await run.RunAsync(["publish", folder, "--site", CliRun.SiteFile(azurite.ConnectionString), "--json"]));

        var results = System.Text.Json.JsonDocument.Parse(run.OutputText).RootElement.EnumerateArray()
            .ToDictionary(r => Path.GetFileName(r.GetProperty("file").GetString()!));
        Assert.Equal("created", results["2025-05-17-good.md"].GetProperty("status").GetString());
        Assert.Equal("/posts/good/", results["2025-05-17-good.md"].GetProperty("url").GetString());
        Assert.Equal("invalid", results["bad.md"].GetProperty("status").GetString());
        var problem = Assert.Single(results["bad.md"].GetProperty("problems").EnumerateArray());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal("date", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Publish_without_storage_says_what_to_set_and_exits_2()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "---\ntitle: A\ndate: 2025-05-17\n---\n");
        var run = new CliRun();

        var exit = await run.RunAsync(["publish", folder]);

        Assert.Equal(2, exit);
        Assert.Contains("ContentStorage", run.ErrorText, StringComparison.Ordinal);
    }

    private BlobContainerClient SiteContainer(string siteFile)
    {
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(siteFile));
        var name = json.RootElement.GetProperty("Storage").GetProperty("SiteContainer").GetString();
        return new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name);
    }
}

/// <summary>The real <c>covalent</c> process, on a pseudo-terminal (util-linux <c>script</c>) and on a pipe.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishProgressTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("posts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Publish_shows_a_progress_bar_on_a_terminal_and_plain_lines_otherwise()
    {
        for (var i = 1; i <= 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"post-{i}.md"), $"---\ntitle: Post {i}\ndate: 2025-05-1{i}\n---\nbody");
        }

        var covalent = typeof(CliApp).Assembly.Location;
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        var command = $"dotnet '{covalent}' publish '{folder}' --site '{siteFile}'";

        var terminal = await ExternalTool.RunAsync("script", ["-qec", $"TERM=xterm-256color {command}", "/dev/null"]);
        Assert.True(terminal.ExitCode == 0, terminal.Output + terminal.Error);
        Assert.Contains("Publishing 3 posts", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("100%", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("\u001b[", terminal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("created ", terminal.Output, StringComparison.Ordinal);

        var pipe = await ExternalTool.RunAsync("sh", ["-c", command]);
        Assert.True(pipe.ExitCode == 0, pipe.Output + pipe.Error);
        Assert.DoesNotContain("\u001b[", pipe.Output, StringComparison.Ordinal);
        Assert.Contains("unchanged /posts/post-1/", pipe.Output, StringComparison.Ordinal);
        Assert.Contains("3 published, 0 failed", pipe.Output, StringComparison.Ordinal);

        // 'list' draws a table on a terminal.
        var table = await ExternalTool.RunAsync("script", ["-qec", $"TERM=xterm-256color dotnet '{covalent}' list --site '{siteFile}'", "/dev/null"]);
        Assert.True(table.ExitCode == 0, table.Output + table.Error);
        Assert.Contains("│ Slug", table.Output, StringComparison.Ordinal);
        Assert.Contains("post-3", table.Output, StringComparison.Ordinal);
    }
}
