using System.CommandLine;
using System.Globalization;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Build;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Media;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Theme;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// <c>covalent build &lt;content-dir&gt; --out &lt;dir&gt;</c>: the whole site from a folder of Markdown into a
/// folder, with the same page generators the Functions use. No storage needed.
/// </summary>
internal static class BuildCommand
{
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
        var authors = AuthorProfileFiles.Option();
        var now = new Option<DateTimeOffset?>("--now") { Description = "Build as if it were this time (for scheduled and expiring posts). Default: the current time." };
        var command = new Command("build", "Render the whole site from a folder of Markdown into a folder. Bad posts are reported as file:line: message; the others still build.")
        {
            content, outDir, site, theme, authors, now,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(content)!;
            if (!folder.Exists)
            {
                throw new CliException($"the content folder '{folder.FullName}' does not exist");
            }

            var configuration = CliConfiguration.Build(parse.GetValue(site));
            if (string.IsNullOrWhiteSpace(configuration["Site:Name"]))
            {
                // Still built (a quick look at a folder needs no settings), but not quietly as someone else's site.
                await error.WriteLineAsync($"warning: no site settings (no --site, no site.json in {Environment.CurrentDirectory}, no Site__Name): " +
                    $"building an \"{new Publishing.Site.SiteOptions().Name}\" for {new Publishing.Site.SiteOptions().BaseUrl}; give --site <file.json> with a 'Site' section");
            }

            var (profiles, profileProblems) = await AuthorProfileFiles.ReadAsync(AuthorProfileFiles.FolderFor(parse.GetValue(authors), folder), error);
            var builder = CreateBuilder(configuration, parse.GetValue(theme), profiles);
            var files = PostFiles.Find([folder.FullName], output);
            // Read when the build needs them, so a large site is never held in memory whole.
            var sources = files.Select(f => SourceFile.OnDisk(Path.GetRelativePath(Environment.CurrentDirectory, f.FullName), f.FullName)).ToList();

            var images = new List<SourceFile>();
            foreach (var file in ImageFiles.Find(folder.FullName))
            {
                images.Add(new SourceFile(Path.GetRelativePath(Environment.CurrentDirectory, file.FullName), await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
            }

            // libvips is loaded only for a site that has images.
            var media = images.Count == 0 ? null : new BuildMedia(images, Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName), new ImageProcessor(CliConfiguration.Media(configuration)));
            var folderOutput = await FolderBuildOutput.OpenAsync(parse.GetValue(outDir)!.FullName, cancellationToken);
            var result = await builder.BuildAsync(sources, parse.GetValue(now) ?? DateTimeOffset.UtcNow, media, folderOutput, cancellationToken);
            await folderOutput.FinishAsync(builder.Renderer.Site.Articles, cancellationToken);
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

            await output.WriteLineAsync(
                $"{result.Published.Count} {(result.Published.Count == 1 ? "post" : "posts")} and {images.Count} {(images.Count == 1 ? "image" : "images")} built into {parse.GetValue(outDir)!.FullName}: {result.PageCount} files, {folderOutput.Changed} changed; " +
                $"{result.Problems.Select(p => p.FileName).Distinct().Count()} files with problems");
            return result.Problems.Count == 0 && profileProblems == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        });
        return command;
    }

    internal static StaticSiteBuilder CreateBuilder(IConfiguration configuration, DirectoryInfo? themeFolder, Publishing.Authors.AuthorProfiles? authors = null)
    {
        if (themeFolder is { Exists: false })
        {
            throw new CliException($"the theme folder '{themeFolder.FullName}' does not exist");
        }

        var theme = themeFolder is null ? Publishing.Theme.Theme.Default : Publishing.Theme.Theme.FromFolder(themeFolder.FullName);
        // The same registration as every host's, with the theme from the folder instead of a store.
        return new ServiceCollection()
            .AddCovalentBondCore(configuration)
            .AddSingleton(new CurrentTheme(authors is null ? theme : theme.WithAuthors(authors)))
            .BuildServiceProvider()
            .GetRequiredService<StaticSiteBuilder>();
    }
}
