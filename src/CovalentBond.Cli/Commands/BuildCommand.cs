using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;
using Microsoft.Extensions.Configuration;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// <c>covalent build &lt;content-dir&gt; --out &lt;dir&gt;</c>: the whole site from a folder of Markdown into a
/// folder, with the same page generators the Functions use. No storage needed.
/// </summary>
internal static class BuildCommand
{
    /// <summary>Lists what the last build wrote, so the next one can remove pages that no longer exist.</summary>
    public const string ManifestName = ".covalent-build.json";

    public static Option<DirectoryInfo?> ThemeOption() => new("--theme")
    {
        Description = "A folder of theme files (*.liquid, site.css) that replace the default theme's files of the same name.",
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var content = new Argument<DirectoryInfo>("content-dir") { Description = "The folder of Markdown posts." };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The folder to write the site into.", Required = true };
        var site = CliConfiguration.SiteOption();
        var theme = ThemeOption();
        var now = new Option<DateTimeOffset?>("--now") { Description = "Build as if it were this time (for scheduled and expiring posts). Default: the current time." };
        var command = new Command("build", "Render the whole site from a folder of Markdown into a folder. Bad posts are reported as file:line: message; the others still build.")
        {
            content, outDir, site, theme, now,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(content)!;
            if (!folder.Exists)
            {
                throw new CliException($"the content folder '{folder.FullName}' does not exist");
            }

            var configuration = CliConfiguration.Build(parse.GetValue(site));
            var builder = CreateBuilder(configuration, parse.GetValue(theme));
            var files = PostFiles.Find([folder.FullName], output);
            var sources = new List<SourceFile>();
            foreach (var file in files)
            {
                sources.Add(new SourceFile(Path.GetRelativePath(Environment.CurrentDirectory, file.FullName), await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
            }

            var images = new List<SourceFile>();
            foreach (var file in ImageFiles.Find(folder.FullName))
            {
                images.Add(new SourceFile(Path.GetRelativePath(Environment.CurrentDirectory, file.FullName), await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
            }

            var media = new BuildMedia(images, Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName), new ImageProcessor(CliConfiguration.Media(configuration)));
            var result = await builder.BuildAsync(sources, parse.GetValue(now) ?? DateTimeOffset.UtcNow, media, cancellationToken);
            foreach (var problem in result.Problems)
            {
                await error.WriteLineAsync(problem.ToString());
            }

            foreach (var warning in result.Warnings)
            {
                await error.WriteLineAsync($"warning: {warning}");
            }

            foreach (var (fileName, post, visibility) in result.NotShown)
            {
                var when = visibility == PostVisibility.Scheduled ? $" until {post.GoesLiveAt.ToString("u", CultureInfo.InvariantCulture)}" : string.Empty;
                await output.WriteLineAsync($"not shown ({visibility.ToString().ToLowerInvariant()}{when}): {fileName}");
            }

            var written = await WriteAsync(parse.GetValue(outDir)!, result.Pages, cancellationToken);
            await output.WriteLineAsync(
                $"{result.Published.Count} {(result.Published.Count == 1 ? "post" : "posts")} and {images.Count} {(images.Count == 1 ? "image" : "images")} built into {parse.GetValue(outDir)!.FullName}: {result.Pages.Count} files, {written} changed; " +
                $"{result.Problems.Select(p => p.FileName).Distinct().Count()} files with problems");
            return result.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }

    internal static StaticSiteBuilder CreateBuilder(IConfiguration configuration, DirectoryInfo? themeFolder)
    {
        var site = new SiteOptions();
        configuration.GetSection(SiteOptions.SectionName).Bind(site);
        if (themeFolder is { Exists: false })
        {
            throw new CliException($"the theme folder '{themeFolder.FullName}' does not exist");
        }

        var theme = themeFolder is null ? Publishing.Theme.Theme.Default : Publishing.Theme.Theme.FromFolder(themeFolder.FullName);
        return new StaticSiteBuilder(new PostReader(site), new PageRenderer(site, theme, new MarkdownRenderer()));
    }

    private static async Task<int> WriteAsync(DirectoryInfo outDir, IReadOnlyList<SitePage> pages, CancellationToken cancellationToken)
    {
        var store = new FolderSiteStore(outDir.FullName);
        var written = 0;
        foreach (var page in pages)
        {
            written += await store.WriteAsync(page, cancellationToken) ? 1 : 0;
        }

        // Remove what the previous build wrote and this one did not (a deleted post, a tag no one uses),
        // and nothing else: the folder may hold files that are not ours.
        var manifest = Path.Combine(store.Root, ManifestName);
        var current = pages.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        if (File.Exists(manifest))
        {
            var previous = JsonSerializer.Deserialize<List<string>>(await File.ReadAllTextAsync(manifest, cancellationToken)) ?? [];
            foreach (var stale in previous.Where(p => !current.Contains(p)))
            {
                var path = Path.Combine(store.Root, stale);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    written++;
                }
            }
        }

        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(current.Order(StringComparer.Ordinal)), cancellationToken);
        return written;
    }
}
