using System.Text;
using CovalentBond.Publishing.Site;
using YamlDotNet.RepresentationModel;

namespace CovalentBond.Publishing.Posts;

/// <summary>
/// Reads a post source (UTF-8 Markdown with YAML front matter) into a <see cref="Post"/>, reporting
/// every problem at once with its line number and field.
/// </summary>
public sealed class PostReader(SiteOptions site)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] SubtitleKeys = ["subtitle", "description", "summary"];

    /// <summary>Reads a post from its raw bytes.</summary>
    /// <param name="content">The uploaded file.</param>
    /// <param name="fileName">The file or blob name, used for the slug when the front matter has none.</param>
    /// <param name="requestedSlug">A slug the caller chose (the URL of a PUT); wins over the file name.</param>
    /// <remarks>
    /// Never throws on content: an unexpected error while reading one post becomes that post's problem, so that it cannot
    /// stop a build, a republish or a verify of the others (DESIGN.md, "Isolation"). It is a bug to fix all the same: its
    /// message says so.
    /// </remarks>
    public PostParseResult Read(ReadOnlySpan<byte> content, string? fileName = null, string? requestedSlug = null)
    {
        try
        {
            return Decode(content, out var problem) is { } text ? ReadText(text, fileName, requestedSlug) : PostParseResult.Invalid(problem!);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return PostParseResult.Invalid(PostProblem.Unexpected("reading", e));
        }
    }

    /// <summary>
    /// The body of a source whose front matter was read before, without reading it again (a build reads each
    /// front matter once, and the body when the post's page is made); null when the source no longer reads.
    /// </summary>
    public (string Body, int BodyLine)? ReadBody(ReadOnlySpan<byte> content) =>
        Decode(content, out _) is { } text && PostText.FindForbidden(text, allowC1: true) is null && SourceParts.Split(text, out _) is { } parts
            ? (parts.Body, parts.BodyLine)
            : null;

    /// <summary>The file as text with <c>\n</c> line ends, or why it is not a post's text.</summary>
    private string? Decode(ReadOnlySpan<byte> content, out PostProblem? problem)
    {
        problem = null;
        if (content.Length > site.MaxPostBytes)
        {
            problem = new PostProblem(null, null, $"the file is {content.Length:N0} bytes; posts may be at most {site.MaxPostBytes:N0} bytes");
            return null;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        if (content.IndexOf((byte)0) is var nul and >= 0)
        {
            var before = Encoding.UTF8.GetString(content[..nul]).Replace("\r\n", "\n", StringComparison.Ordinal);
            var line = 1 + before.AsSpan().Count('\n');
            problem = new PostProblem(line, FieldAt(before, line), $"the file contains a NUL byte at offset {nul}; a post must be UTF-8 text");
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            problem = new PostProblem(null, null, $"the file is not valid UTF-8 (bad byte at offset {ex.Index}); save it as UTF-8");
            return null;
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    /// <summary>The YAML front matter field whose value holds <paramref name="line"/> of the file, or null (the body, or no YAML key there).</summary>
    private static string? FieldAt(string text, int line)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal) || line < 2)
        {
            return null;
        }

        var lines = text.Split('\n');
        var closing = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        return closing < 0 || line - 1 < closing ? FrontMatter.KeyAt(string.Join('\n', lines[1..(closing < 0 ? lines.Length : closing)]), line - 1) : null;
    }

    private PostParseResult ReadText(string text, string? fileName, string? requestedSlug)
    {
        if (PostText.FindForbidden(text, allowC1: true) is { } bad)
        {
            var line = 1 + text.AsSpan(0, bad.Index).Count('\n');
            return PostParseResult.Invalid(new PostProblem(line, FieldAt(text, line),
                $"the file contains the character {bad.Code}, which pages and feeds cannot carry; remove it"));
        }

        var parts = SourceParts.Split(text, out var splitProblem);
        if (parts is null)
        {
            return PostParseResult.Invalid(splitProblem!);
        }

        var problems = new List<PostProblem>();
        var fields = parts.Format == "TOML"
            ? TomlFrontMatter.Parse(parts.FrontMatter, problems)
            // A JSON object is a YAML flow mapping: the YAML reader's bounds and checks apply to it as they are.
            : FrontMatter.Parse(parts.FrontMatter, problems);
        if (fields is null)
        {
            return PostParseResult.Invalid(problems);
        }

        var title = GeneratorConventions.DecodeEntities(FrontMatterFields.RequiredText(fields, "title", problems, PostLimits.TitleLength));
        var date = !fields.ContainsKey("date") && GeneratorConventions.DateFromFileName(fileName, site) is { } named
            ? named
            : FrontMatterFields.ReadDate(fields, "date", problems, site);
        var author = FrontMatterFields.OptionalText(fields, "author", problems, PostLimits.AuthorLength)
            ?? GeneratorConventions.ReadAuthors(fields, problems);
        string? subtitle = null;
        foreach (var key in SubtitleKeys)
        {
            subtitle ??= GeneratorConventions.DecodeEntities(FrontMatterFields.OptionalText(fields, key, problems, PostLimits.SubtitleLength));
        }

        var tags = FrontMatterFields.ReadTags(fields, problems, site.CategoriesAsTags);
        var draft = FrontMatterFields.ReadBoolean(fields, "draft", problems);
        var publishDate = fields.ContainsKey("publishDate") ? FrontMatterFields.ReadDate(fields, "publishDate", problems, site) : null;
        var expiryDate = fields.ContainsKey("expiryDate") ? FrontMatterFields.ReadDate(fields, "expiryDate", problems, site) : null;
        var lastmod = fields.ContainsKey("lastmod") ? FrontMatterFields.ReadDate(fields, "lastmod", problems, site) : null;
        var corrections = PostNotes.Read(fields, "corrections", date, problems, site);
        // "updated:" is a list of notes, or (as some Jekyll themes write it) one date: the last change, as lastmod is.
        IReadOnlyList<PostNote> updates = [];
        if (fields.TryGetValue("updated", out var updated) && updated.Node is YamlScalarNode { Value.Length: > 0 } single && !FrontMatterFields.IsNull(single))
        {
            lastmod ??= FrontMatterFields.ReadDate(fields, "updated", problems, site);
        }
        else
        {
            updates = PostNotes.Read(fields, "updated", date, problems, site);
        }

        var hero = ImageField.Read(fields, problems);
        var image = hero.Url;
        // A missing text alternative is a warning (PreparedPost.Warnings), not a refusal; an empty one marks a decorative image.
        var imageAlt = FrontMatterFields.OptionalText(fields, "imageAlt", problems, PostLimits.ImageAltLength)
            ?? (fields.ContainsKey("imageAlt") && problems.All(p => p.Field != "imageAlt") ? string.Empty : hero.Alt);
        var imageCaption = FrontMatterFields.OptionalText(fields, "imageCaption", problems, PostLimits.ImageAltLength) ?? hero.Caption;

        if (expiryDate is { } expiry && (publishDate ?? date) is { } start && expiry <= start)
        {
            problems.Add(new PostProblem(fields["expiryDate"].Line, "expiryDate", "must be after the date the post is published"));
        }

        var articles = site.Articles;
        var aliases = FrontMatterFields.ReadAliases(fields, problems, articles.Section);
        var slug = ResolveSlug(fields, fileName, requestedSlug is null ? null : articles.SlugOf(requestedSlug), title, problems);
        if (slug is not null && date is not null)
        {
            // The post's key (Pages/Permalink): its slug, after the date parts Site:Permalink puts in the address.
            slug = articles.KeyOf(slug, site.ToLocal(date.Value));
            // An old address that is the post's own under Site:Permalink (an import keeps both) has nothing to redirect.
            aliases.Remove(articles.Url(slug));
            if (!Slug.IsValid(slug))
            {
                problems.Add(new PostProblem(fields.TryGetValue("slug", out var slugField) ? slugField.Line : null, "slug", $"'{slug}' is longer than the {Slug.MaxLength} characters a post's key may have"));
            }
            else if (requestedSlug is not null && slug != requestedSlug)
            {
                problems.Add(new PostProblem(fields.TryGetValue("date", out var dated) ? dated.Line : null, "date",
                    $"gives the post the key '{slug}' (Site:Permalink is {articles.Pattern}), not '{requestedSlug}' as the address says"));
            }
        }

        var known = new HashSet<string>(
            ["title", "date", "author", "authors", "tags", "slug", "draft", "publishDate", "expiryDate", "lastmod", "image", "cover", "featured_image", "featuredImage", "imageAlt", "imageCaption", "aliases", "corrections", "updated", .. SubtitleKeys],
            StringComparer.OrdinalIgnoreCase);
        if (site.CategoriesAsTags)
        {
            known.Add("categories");
        }

        var others = fields
            .Where(f => !known.Contains(f.Key))
            .ToDictionary(f => f.Key, f => f.Value.Node is YamlScalarNode s ? s.Value ?? string.Empty : f.Value.Node.ToString(), StringComparer.OrdinalIgnoreCase);

        if (problems.Count > 0 || title is null || date is null || slug is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new PostProblem(null, null, "the post could not be read"));
            }

            return PostParseResult.Invalid(problems.OrderBy(p => p.Line ?? 0).ToList());
        }

        return PostParseResult.Valid(new Post
        {
            Slug = slug,
            Title = title,
            Date = date.Value,
            Author = author,
            Subtitle = subtitle,
            Tags = tags,
            Draft = draft,
            PublishDate = publishDate,
            ExpiryDate = expiryDate,
            LastModified = lastmod,
            Corrections = corrections,
            Updates = updates,
            Image = image,
            ImageAlt = imageAlt,
            ImageCaption = imageCaption,
            Aliases = aliases,
            Body = parts.Body,
            BodyLine = parts.BodyLine,
            OtherFields = others,
        });
    }

    private static string? ResolveSlug(
        Dictionary<string, FrontMatterField> fields, string? fileName, string? requestedSlug, string? title, List<PostProblem> problems)
    {
        if (fields.TryGetValue("slug", out var field))
        {
            var before = problems.Count;
            var slug = FrontMatterFields.OptionalText(fields, "slug", problems);
            if (slug is null)
            {
                if (problems.Count == before)
                {
                    problems.Add(new PostProblem(field.Line, "slug", "is empty: give the post's slug, or leave the field out for one made from the file name or title"));
                }

                return null;
            }

            if (!Slug.IsValid(slug))
            {
                problems.Add(new PostProblem(field.Line, "slug",
                    $"'{slug}' may use only lowercase a-z, digits and single dashes, at most {Slug.MaxLength} characters"));
                return null;
            }

            if (requestedSlug is not null && slug != requestedSlug)
            {
                problems.Add(new PostProblem(field.Line, "slug", $"'{slug}' differs from the slug in the address, '{requestedSlug}'"));
                return null;
            }

            return slug;
        }

        if (requestedSlug is not null)
        {
            return requestedSlug;
        }

        if (fileName is not null && Slug.FromFileName(fileName) is { } fromFile)
        {
            return fromFile;
        }

        return title is null ? null : Slug.FromTitle(title) ?? "post";
    }
}
