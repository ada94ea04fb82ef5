using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

/// <summary>The author's commands: new, preview, list, show, unpublish, delete, restore (the last four against Azurite).</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PostCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("posts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task New_writes_a_post_that_publishes_and_never_overwrites_one()
    {
        var run = new CliRun();
        Assert.Equal(0, await run.RunAsync(["new", "Talks resume in Istanbul", "--dir", folder, "--tag", "Türkiye", "--tag", "Diplomacy", "--author", "Michael K."]));
        var path = run.OutputText.Trim();
        Assert.Matches(@"\d{4}-\d{2}-\d{2}-talks-resume-in-istanbul\.md$", path);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("title: \"Talks resume in Istanbul\"", text, StringComparison.Ordinal);
        Assert.Contains("tags: [\"Türkiye\", \"Diplomacy\"]", text, StringComparison.Ordinal);

        // What it wrote is a valid post: it previews (and so would publish) without a problem.
        var preview = new CliRun();
        Assert.Equal(0, await preview.RunAsync(["preview", path, "--out", Path.Combine(folder, "out")]));

        var again = new CliRun();
        Assert.Equal(1, await again.RunAsync(["new", "Talks resume in Istanbul", "--dir", folder]));
        Assert.Contains("already exists", again.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_renders_the_page_and_reports_a_bad_post_as_file_and_line()
    {
        var good = Path.Combine(folder, "good.md");
        await File.WriteAllTextAsync(good, "---\ntitle: Peace Pause on Hold\ndate: 2025-05-17\nsubtitle: Talks stall\n---\nThe **talks** stalled.\n");
        var outDir = Path.Combine(folder, "out");
        var run = new CliRun();

        Assert.Equal(0, await run.RunAsync(["preview", good, "--out", outDir]));
        var page = await File.ReadAllTextAsync(Path.Combine(outDir, "posts", "good", "index.html"));
        Assert.Contains("<h1>Peace Pause on Hold</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>talks</strong>", page, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(outDir, "assets")));

        var bad = Path.Combine(folder, "bad.md");
        await File.WriteAllTextAsync(bad, "---\ntitle: Bad\ndate: someday\n---\n");
        var failed = new CliRun();
        Assert.Equal(1, await failed.RunAsync(["preview", bad, "--out", outDir]));
        Assert.Matches(@"bad\.md:3: date: 'someday' is not a date", failed.ErrorText);
    }

    [Fact]
    public async Task List_show_unpublish_delete_and_restore_work_on_the_sites_storage()
    {
        var later = DateTimeOffset.UtcNow.AddDays(3);
        await File.WriteAllTextAsync(Path.Combine(folder, "first.md"), "---\ntitle: First\ndate: 2025-05-17\ntags: [Serbia]\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(folder, "second.md"), "---\ntitle: Second\ndate: 2025-05-18\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(folder, "coming.md"), $"---\ntitle: Coming\ndate: {later:yyyy-MM-ddTHH:mm:ssK}\n---\nbody");
        var siteFile = CliRun.SiteFile(azurite.ConnectionString);
        Assert.Equal(0, await new CliRun().RunAsync(["publish", folder, "--site", siteFile]));

        var list = new CliRun();
        Assert.Equal(0, await list.RunAsync(["list", "--site", siteFile]));
        Assert.Matches(@"coming\s+scheduled for \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\s+Coming", list.OutputText);
        Assert.Matches(@"first\s+published\s+First", list.OutputText);
        Assert.Contains("3 posts", list.OutputText, StringComparison.Ordinal);

        var json = new CliRun();
        Assert.Equal(0, await json.RunAsync(["list", "--site", siteFile, "--json", "--status", "scheduled"]));
        var scheduled = Assert.Single(JsonDocument.Parse(json.OutputText).RootElement.EnumerateArray());
        Assert.Equal("coming", scheduled.GetProperty("slug").GetString());
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());

        var show = new CliRun();
        Assert.Equal(0, await show.RunAsync(["show", "first", "--site", siteFile, "--json"]));
        var first = JsonDocument.Parse(show.OutputText).RootElement;
        Assert.Equal("/posts/first/", first.GetProperty("url").GetString());
        Assert.Equal(["Serbia"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        async Task<string> StatusAsync(string slug)
        {
            var run = new CliRun();
            Assert.Equal(0, await run.RunAsync(["show", slug, "--site", siteFile, "--json"]));
            return JsonDocument.Parse(run.OutputText).RootElement.GetProperty("status").GetString()!;
        }

        Assert.Equal(0, await new CliRun().RunAsync(["unpublish", "first", "--site", siteFile]));
        Assert.Equal("unpublished", await StatusAsync("first"));
        Assert.Equal(0, await new CliRun().RunAsync(["delete", "second", "--site", siteFile]));
        Assert.Equal("deleted", await StatusAsync("second"));
        var restore = new CliRun();
        Assert.Equal(0, await restore.RunAsync(["restore", "second", "--site", siteFile]));
        Assert.Contains("second: published", restore.OutputText, StringComparison.Ordinal);
        Assert.Equal("published", await StatusAsync("second"));

        var unknown = new CliRun();
        Assert.Equal(1, await unknown.RunAsync(["delete", "no-such-post", "--site", siteFile]));
        Assert.Contains("there is no post 'no-such-post'", unknown.ErrorText, StringComparison.Ordinal);
    }
}
