using System.CommandLine;
using CovalentBond.Cli.Import;
using CovalentBond.Publishing.Hosting;
using CovalentBond.Publishing.Pages;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Posts;
using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Cli.Commands;

/// <summary>
/// <c>covalent import &lt;source&gt; --out &lt;dir&gt;</c>: a Jekyll site, a Hugo site, a WordPress export or a feed
/// file into a folder of posts that <c>build</c> and <c>publish</c> take (Import/).
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("source") { Description = "A Jekyll site's folder (with _posts/), a Hugo site's folder (with content/), a WordPress export (.xml) or an RSS/Atom feed file." };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The folder to write the posts into (a page bundle each).", Required = true };
        var uploads = new Option<DirectoryInfo?>("--uploads") { Description = "WordPress: the folder of the old site's wp-content/uploads, to copy the images posts show beside them." };
        var site = CliConfiguration.SiteOption();
        var command = new Command("import", "Turn a Jekyll or Hugo site, a WordPress export or a feed into a folder of posts, each old address kept as an alias, with a report of what needs a look. Safe to run again.")
        {
            source, outDir, uploads, site,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var from = Path.GetFullPath(parse.GetValue(source)!);
            var imported = Read(from, parse.GetValue(uploads)?.FullName);
            var settings = CoreServices.SiteOptionsOf(CliConfiguration.Build(parse.GetValue(site)));
            var preparer = new PostPreparer(new PostReader(settings), new PageRenderer(settings, Publishing.Theme.Theme.Default, new MarkdownRenderer(settings)));
            var folder = parse.GetValue(outDir)!.FullName;
            var report = await new ImportWriter(folder, preparer, settings).WriteAsync(imported, cancellationToken);

            await output.WriteLineAsync(report.Summary);
            if (report.Permalink is { } pattern)
            {
                await output.WriteLineAsync($"Every old address fits Site:Permalink = {pattern}: set it to keep them as the posts' own addresses.");
            }

            await output.WriteLineAsync($"Report: {Path.Combine(folder, ImportWriter.ReportName)}");
            await output.WriteLineAsync($"Next: covalent build {folder} --out <site-folder>");
            return report.Refused > 0 ? ExitCodes.SomeFailed : ExitCodes.Success;
        });
        return command;
    }

    private static ImportSource Read(string from, string? uploads)
    {
        if (Directory.Exists(from))
        {
            return JekyllImporter.Recognizes(from) ? JekyllImporter.Read(from)
                : HugoImporter.Recognizes(from) ? HugoImporter.Read(from)
                : throw new CliException($"'{from}' is neither a Jekyll site (no _posts/ folder) nor a Hugo site (no content/ folder beside a hugo.toml or config file)");
        }

        if (!File.Exists(from))
        {
            throw new CliException($"'{from}' is neither a file nor a folder");
        }

        try
        {
            return ExportXml.KindOf(from) switch
            {
                "wxr" => WordPressImporter.Read(from, uploads),
                "rss" or "atom" => FeedImporter.Read(from, ExportXml.KindOf(from)!),
                _ => throw new CliException($"'{from}' is not a WordPress export (WXR) or an RSS or Atom feed: its root is not <rss> or <feed>"),
            };
        }
        catch (System.Xml.XmlException ex)
        {
            throw new CliException($"'{from}' is not well-formed XML: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            throw new CliException($"'{from}': {ex.Message}");
        }
    }
}
