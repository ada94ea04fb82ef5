using YamlDotNet.RepresentationModel;

namespace CovalentBond.Cli.Import;

/// <summary>
/// One post taken from an old site, ready to be written as a page bundle: <c>{Name}/index.md</c> with YAML front
/// matter, and its files beside it.
/// </summary>
internal sealed record ImportedPost
{
    /// <summary>Where it came from: a file of the old site, or an item of an export.</summary>
    public required string Origin { get; init; }

    /// <summary>The bundle's folder name (the date and the slug: <c>2015-11-08-camera</c>), unique in the import.</summary>
    public required string Name { get; init; }

    /// <summary>The front matter to write, in order.</summary>
    public required List<KeyValuePair<string, YamlNode>> Fields { get; init; }

    public required string Body { get; init; }

    /// <summary>Files of the old site to copy beside the post (images, downloads), by the name they get there.</summary>
    public Dictionary<string, string> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The post's address on the old site, kept as an alias; null when it had none the importer could tell.</summary>
    public string? OldUrl { get; init; }

    /// <summary>What a person should look at: shortcodes left out, images left on the old host, fields not carried over.</summary>
    public List<string> Notes { get; init; } = [];
}

/// <summary>What an importer found: the posts, and what it left out on purpose (with why).</summary>
internal sealed record ImportSource(string Kind, IReadOnlyList<ImportedPost> Posts, IReadOnlyList<string> Skipped);
