using CovalentBond.Testing;

namespace CovalentBond.Cli.Tests.Commands;

public sealed class BuildCommandTests : IDisposable
{
    private readonly string content = Directory.CreateTempSubdirectory("posts-").FullName;
    private readonly string output = Directory.CreateTempSubdirectory("site-").FullName;
    private readonly string theme = Directory.CreateTempSubdirectory("theme-").FullName;

    public void Dispose()
    {
        Directory.Delete(content, recursive: true);
        Directory.Delete(output, recursive: true);
        Directory.Delete(theme, recursive: true);
    }

    private Task WritePostAsync(string name, string text) => File.WriteAllTextAsync(Path.Combine(content, name), text);

    [Fact]
    public async Task A_build_without_site_settings_says_so_and_one_with_them_does_not()
    {
        await WritePostAsync("2025-05-17-good.md", "---\ntitle: Good\ndate: 2025-05-17\n---\nbody");

        var bare = new CliRun();
        Assert.Equal(0, await bare.RunAsync(["build", content, "--out", output]));
        Assert.Contains("warning: no site settings", bare.ErrorText, StringComparison.Ordinal);
        Assert.Contains("building an \"Untitled site\" for http://localhost/", bare.ErrorText, StringComparison.Ordinal);
        Assert.Contains("<title>Untitled site</title>", await File.ReadAllTextAsync(Path.Combine(output, "index.html")), StringComparison.Ordinal);

        var configured = new CliRun();
        Assert.Equal(0, await configured.RunAsync(["build", content, "--out", output, "--site", RepositoryPaths.Combine("samples", "site.json")]));
        Assert.DoesNotContain("no site settings", configured.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_a_bad_post_builds_the_others_reports_file_and_line_and_exits_1()
    {
        await WritePostAsync("2025-05-17-good.md", "---\ntitle: Good\ndate: 2025-05-17\ntags: [EU]\n---\nbody");
        await WritePostAsync("bad.md", "---\ntitle: Bad\n\ndate: 2025-13-45\n---\nbody");
        var run = new CliRun();

        var exit = await run.RunAsync(["build", content, "--out", output]);

        Assert.Equal(1, exit);
        Assert.Matches(@"bad\.md:4: date: '2025-13-45' is not a date that exists", run.ErrorText);
        Assert.True(File.Exists(Path.Combine(output, "posts", "good", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "tags", "eu", "index.html")));
        Assert.False(Directory.Exists(Path.Combine(output, "posts", "bad")));
    }

    [Fact]
    public async Task Markdown_files_of_either_extension_build_and_a_hugo_section_page_is_skipped_with_a_note()
    {
        Directory.CreateDirectory(Path.Combine(content, "_posts"));
        Directory.CreateDirectory(Path.Combine(content, "news"));
        await WritePostAsync(Path.Combine("_posts", "2006-04-14-hello-world.markdown"), "---\ntitle: Hello world\n---\nbody");
        await WritePostAsync(Path.Combine("news", "_index.md"), "---\ntitle: News\n---\nAll the news.");
        var run = new CliRun();

        Assert.Equal(0, await run.RunAsync(["build", content, "--out", output]));

        Assert.True(File.Exists(Path.Combine(output, "posts", "hello-world", "index.html")));
        Assert.False(Directory.Exists(Path.Combine(output, "posts", "news")));
        Assert.Contains($"skipped: {Path.Combine(content, "news", "_index.md")} (a Hugo section page, not a post)", run.OutputText, StringComparison.Ordinal);
        Assert.Contains("1 post and 0 images built into", run.OutputText, StringComparison.Ordinal);
        Assert.Contains("datetime=\"2006-04-14", await File.ReadAllTextAsync(Path.Combine(output, "posts", "hello-world", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebuild_removes_the_pages_of_a_deleted_post_and_nothing_else()
    {
        await WritePostAsync("a.md", "---\ntitle: A\ndate: 2025-05-17\ntags: [Only A]\n---\n");
        await WritePostAsync("b.md", "---\ntitle: B\ndate: 2025-05-18\n---\n");
        await File.WriteAllTextAsync(Path.Combine(output, "CNAME"), "example.org");
        var run = new CliRun();
        Assert.Equal(0, await run.RunAsync(["build", content, "--out", output]));

        File.Delete(Path.Combine(content, "a.md"));
        Assert.Equal(0, await run.RunAsync(["build", content, "--out", output]));

        Assert.False(File.Exists(Path.Combine(output, "posts", "a", "index.html")));
        Assert.False(File.Exists(Path.Combine(output, "tags", "only-a", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "posts", "b", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "CNAME")), "files the build did not write are left alone");
    }

    [Fact]
    public async Task A_rebuild_leaves_unchanged_pages_alone_and_writes_again_a_page_changed_by_hand()
    {
        await WritePostAsync("a.md", "---\ntitle: A\ndate: 2025-05-17\n---\nFirst words.");
        await WritePostAsync("b.md", "---\ntitle: B\ndate: 2025-05-18\n---\nOther words.");
        var run = new CliRun();
        Assert.Equal(0, await run.RunAsync(["build", content, "--out", output]));
        var a = Path.Combine(output, "posts", "a", "index.html");
        var b = Path.Combine(output, "posts", "b", "index.html");
        var built = await File.ReadAllTextAsync(b);
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(a, longAgo);
        await File.WriteAllTextAsync(b, "defaced");

        var again = new CliRun();
        Assert.Equal(0, await again.RunAsync(["build", content, "--out", output]));

        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(a));
        Assert.Equal(built, await File.ReadAllTextAsync(b));
        Assert.Contains("1 changed", again.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_theme_folder_overrides_templates_and_the_stylesheet_by_name()
    {
        await WritePostAsync("a.md", "---\ntitle: Themed\ndate: 2025-05-17\n---\nbody");
        await File.WriteAllTextAsync(Path.Combine(theme, "article.liquid"), "<article><h1 class=\"custom\">{{ article.title }}</h1>{{ article.body_html | raw }}</article>");
        await File.WriteAllTextAsync(Path.Combine(theme, "site.css"), "body { color: rebeccapurple; }");
        var run = new CliRun();

        Assert.Equal(0, await run.RunAsync(["build", content, "--out", output, "--theme", theme]));

        var html = await File.ReadAllTextAsync(Path.Combine(output, "posts", "a", "index.html"));
        Assert.Contains("<h1 class=\"custom\">Themed</h1>", html, StringComparison.Ordinal);
        var css = Assert.Single(Directory.GetFiles(Path.Combine(output, "assets"), "site.*.css"));
        Assert.Equal("body { color: rebeccapurple; }", await File.ReadAllTextAsync(css));
        Assert.Contains(Path.GetFileName(css), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_theme_template_is_named_in_the_error()
    {
        await WritePostAsync("a.md", "---\ntitle: A\ndate: 2025-05-17\n---\n");
        await File.WriteAllTextAsync(Path.Combine(theme, "home.liquid"), "{% for x in %}");
        var run = new CliRun();

        var exit = await run.RunAsync(["build", content, "--out", output, "--theme", theme]);

        Assert.NotEqual(0, exit);
        Assert.Contains("home.liquid", run.ErrorText, StringComparison.Ordinal);
    }
}
