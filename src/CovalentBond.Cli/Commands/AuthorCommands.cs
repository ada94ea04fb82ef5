using System.CommandLine;
using System.Globalization;
using System.Text;
using CovalentBond.Cli.Local;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Site;
using Microsoft.Extensions.Configuration;

namespace CovalentBond.Cli.Commands;

/// <summary>An author's commands that need no storage: <c>new</c> (a post to fill in) and <c>preview</c> (one post rendered locally).</summary>
internal static class AuthorCommands
{
    public static Command New(TextWriter output, TextWriter error)
    {
        var title = new Argument<string>("title") { Description = "The post's title." };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Where to create the file (default: the current folder)." };
        var tags = new Option<string[]>("--tag") { Description = "A tag (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var author = new Option<string?>("--author") { Description = "The author's name (default: the COVALENT_AUTHOR environment variable)." };
        var draft = new Option<bool>("--draft") { Description = "Mark it as a draft: stored and indexed when published, shown nowhere." };
        var site = CliConfiguration.SiteOption();
        var command = new Command("new", "Create a Markdown post with its front matter filled in (date now, in the site's time zone), named YYYY-MM-DD-<slug>.md.")
        {
            title, dir, tags, author, draft, site,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = SiteOptionsFrom(CliConfiguration.Build(parse.GetValue(site)));
            var text = parse.GetValue(title)!.Trim();
            var slug = Slug.FromTitle(text) ?? throw new CliException($"the title '{text}' gives no slug; use letters or digits");
            var now = options.ToLocal(DateTimeOffset.UtcNow);
            var folder = parse.GetValue(dir)?.FullName ?? Environment.CurrentDirectory;
            var path = Path.Combine(folder, $"{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{slug}.md");
            if (File.Exists(path))
            {
                await error.WriteLineAsync($"error: {path} already exists; nothing was written");
                return ExitCodes.SomeFailed;
            }

            var front = new StringBuilder()
                .AppendLine("---")
                .AppendLine(CultureInfo.InvariantCulture, $"title: {Quote(text)}")
                .AppendLine(CultureInfo.InvariantCulture, $"date: {now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}")
                .AppendLine(CultureInfo.InvariantCulture, $"author: {Quote(parse.GetValue(author) ?? Environment.GetEnvironmentVariable("COVALENT_AUTHOR") ?? "")}")
                .AppendLine("subtitle: \"\"")
                .AppendLine(CultureInfo.InvariantCulture, $"tags: [{string.Join(", ", (parse.GetValue(tags) ?? []).Select(Quote))}]");
            if (parse.GetValue(draft))
            {
                front.AppendLine("draft: true");
            }

            front.AppendLine("---").AppendLine().AppendLine("Write the story here.");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(path, front.ToString(), new UTF8Encoding(false), cancellationToken);
            await output.WriteLineAsync(path);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Preview(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The Markdown post to preview." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write the rendered page into this folder and stop, instead of serving it." };
        var theme = new Option<DirectoryInfo?>("--theme") { Description = "A folder of theme files laid over the default theme." };
        var port = ServeCommand.PortOption();
        var site = CliConfiguration.SiteOption();
        var command = new Command("preview", "Render one post as its page will look, and serve it on localhost (or write it with --out). Nothing is published.")
        {
            file, outDir, theme, port, site,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(file)!;
            if (!source.Exists)
            {
                throw new CliException($"the file '{source.FullName}' does not exist");
            }

            var builder = BuildCommand.CreateBuilder(CliConfiguration.Build(parse.GetValue(site)), parse.GetValue(theme));
            var shown = Path.GetRelativePath(Environment.CurrentDirectory, source.FullName);
            var parsed = builder.Reader.Read(await File.ReadAllBytesAsync(source.FullName, cancellationToken), source.Name);
            if (!parsed.IsValid)
            {
                foreach (var problem in parsed.Problems)
                {
                    await error.WriteLineAsync(problem.In(shown));
                }

                return ExitCodes.SomeFailed;
            }

            var folder = parse.GetValue(outDir)?.FullName ?? Directory.CreateTempSubdirectory("covalent-preview-").FullName;
            var store = new FolderSiteStore(folder);
            var renderer = builder.Renderer;
            foreach (var page in new[] { await ArticlePage.RenderAsync(renderer, parsed.Post!, []), renderer.Stylesheet(), renderer.Favicon() })
            {
                await store.WriteAsync(page, cancellationToken);
            }

            var pagePath = renderer.Site.ArticleFile(parsed.Post!.Slug, parsed.Post.Date);
            if (parse.GetValue(outDir) is not null)
            {
                await output.WriteLineAsync(Path.Combine(folder, pagePath));
                return ExitCodes.Success;
            }

            await using var server = await SiteServer.StartAsync(store, parse.GetValue(port), cancellationToken);
            await output.WriteLineAsync($"Preview of {shown}: {new Uri(server.Url, renderer.Site.ArticleUrl(parsed.Post.Slug, parsed.Post.Date))}  (Ctrl+C to stop)");
            await ServeCommand.WaitForCancellationAsync(cancellationToken);
            Directory.Delete(folder, recursive: true);
            return ExitCodes.Success;
        });
        return command;
    }

    private static SiteOptions SiteOptionsFrom(IConfiguration configuration) => CoreServices.SiteOptionsOf(configuration);

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
