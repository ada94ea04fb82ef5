using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>The hero as front matter writes it: its address, text alternative and caption.</summary>
internal sealed record ImageField(string? Url, string? Alt, string? Caption)
{
    /// <summary>Keys of a mapping that hold the address, as Jekyll themes write it (<c>feature</c>, <c>path</c>, <c>src</c>) and Hugo's <c>cover</c> (<c>image</c>).</summary>
    private static readonly string[] AddressKeys = ["feature", "path", "src", "image", "url"];

    /// <summary>Where a post names its hero, first found wins.</summary>
    private static readonly string[] HeroKeys = ["image", "cover", "featured_image", "featuredImage"];

    /// <summary>
    /// <c>image</c> as text, or as a mapping (<c>image: {feature: x.jpg, alt: …, credit: …}</c>); else Hugo's
    /// <c>cover</c> (text, or <c>{image, alt, caption}</c>); else <c>featured_image</c>. <c>imageAlt</c> and
    /// <c>imageCaption</c> win over what a mapping says; a mapping's <c>credit</c> is a caption when there is none.
    /// </summary>
    public static ImageField Read(Dictionary<string, FrontMatterField> fields, List<PostProblem> problems)
    {
        var key = HeroKeys.FirstOrDefault(fields.ContainsKey);
        if (key is null)
        {
            return new ImageField(null, null, null);
        }

        var field = fields[key];
        if (field.Node is YamlMappingNode mapping)
        {
            string? Text(params string[] names) => names
                .Select(n => mapping.Children.FirstOrDefault(c => string.Equals((c.Key as YamlScalarNode)?.Value, n, StringComparison.OrdinalIgnoreCase)).Value)
                .OfType<YamlScalarNode>()
                .Select(v => FrontMatterFields.IsNull(v) ? null : v.Value?.Trim())
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
            var address = Text(AddressKeys);
            if (address is null)
            {
                problems.Add(new PostProblem(field.Line, key, $"a mapping must name the image with one of: {string.Join(", ", AddressKeys)}"));
                return new ImageField(null, null, null);
            }

            var url = Checked(address, field.Line, key, PostLimits.ImageLength, problems) is { } text ? FrontMatterFields.CheckImage(text, field.Line, key, problems) : null;
            var alt = Checked(Text("alt"), field.Line, key, PostLimits.ImageAltLength, problems);
            var caption = Checked(Text("caption") ?? Text("credit"), field.Line, key, PostLimits.ImageAltLength, problems);
            return new ImageField(url, alt, caption);
        }

        var plain = FrontMatterFields.OptionalText(fields, key, problems, PostLimits.ImageLength);
        return new ImageField(plain is null ? null : FrontMatterFields.CheckImage(plain, field.Line, key, problems), null, null);
    }

    private static string? Checked(string? text, int line, string key, int maxLength, List<PostProblem> problems) =>
        text is not null && FrontMatterFields.CheckText(text, line, key, maxLength, problems) ? text : null;
}
