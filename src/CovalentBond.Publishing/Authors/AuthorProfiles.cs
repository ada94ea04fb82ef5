using System.Text.Json;
using CovalentBond.Publishing.Text;

namespace CovalentBond.Publishing.Authors;

/// <summary>A problem with one profile file, named by file: the profile is left out, the others still count.</summary>
public sealed record ProfileProblem(string FileName, string Message)
{
    public override string ToString() => $"{FileName}: {Message}";
}

/// <summary>
/// The site's author profiles (<c>authors/*.json</c>: in the theme folder of a build, in the theme container on Azure),
/// found by the slug of a byline's name or by a person's object id. Immutable; a change of profiles is a new instance,
/// and a new fingerprint, so the site is republished as for a new theme.
/// </summary>
public sealed class AuthorProfiles
{
    public const int NameLength = 100;
    public const int BioLength = 600;
    public const int AddressLength = 500;
    public const int MaxLinks = 10;
    public const int MaxFileBytes = 64 * 1024;

    private static readonly string[] Fields = ["name", "bio", "photo", "links", "objectId"];

    private readonly Dictionary<string, AuthorProfile> bySlug;
    private readonly Dictionary<string, AuthorProfile> byObjectId;

    private AuthorProfiles(IReadOnlyList<AuthorProfile> profiles, string fingerprint)
    {
        All = profiles;
        Fingerprint = fingerprint;
        bySlug = profiles.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        byObjectId = profiles.Where(p => p.ObjectId is not null).ToDictionary(p => p.ObjectId!, StringComparer.OrdinalIgnoreCase);
    }

    public static AuthorProfiles None { get; } = new([], string.Empty);

    public IReadOnlyList<AuthorProfile> All { get; }

    /// <summary>A hash of the profile files' contents; empty for none.</summary>
    public string Fingerprint { get; }

    /// <summary>The profile of a byline's name, when one matches its slug.</summary>
    public AuthorProfile? Of(AuthorName name) => bySlug.GetValueOrDefault(name.Slug);

    public AuthorProfile? BySlug(string slug) => bySlug.GetValueOrDefault(slug);

    /// <summary>The profile of the person who signs in with this object id.</summary>
    public AuthorProfile? ByObjectId(string? objectId) => objectId is null ? null : byObjectId.GetValueOrDefault(objectId);

    /// <summary>Reads profile files (name, UTF-8 JSON); a file with problems is left out and named in <paramref name="problems"/>.</summary>
    public static AuthorProfiles Read(IEnumerable<(string FileName, ReadOnlyMemory<byte> Content)> files, List<ProfileProblem> problems)
    {
        var profiles = new List<AuthorProfile>();
        var ofSlug = new Dictionary<string, string>(StringComparer.Ordinal);
        var ofObjectId = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var hashes = new List<string>();
        foreach (var (fileName, content) in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var found = new List<string>();
            var profile = Parse(content, found);
            if (profile is not null && ofSlug.TryGetValue(profile.Slug, out var first))
            {
                found.Add($"the name '{profile.Name}' gives the address /authors/{profile.Slug}/, which {first} has already");
            }

            if (profile?.ObjectId is { } id && ofObjectId.TryGetValue(id, out var holder))
            {
                found.Add($"the objectId {id} is {holder}'s already");
            }

            if (found.Count > 0 || profile is null)
            {
                problems.AddRange(found.Select(m => new ProfileProblem(fileName, m)));
                continue;
            }

            ofSlug[profile.Slug] = fileName;
            if (profile.ObjectId is { } objectId)
            {
                ofObjectId[objectId] = fileName;
            }

            profiles.Add(profile);
            hashes.Add(fileName + "\0" + ContentHash.Of(content.Span));
        }

        return profiles.Count == 0 ? None : new AuthorProfiles(profiles, ContentHash.OfText(string.Join('\n', hashes))[..32]);
    }

    /// <summary>The <c>*.json</c> files of a folder; none when the folder does not exist.</summary>
    public static AuthorProfiles FromFolder(string folder, List<ProfileProblem> problems) =>
        !Directory.Exists(folder) ? None : Read(
            Directory.EnumerateFiles(folder, "*.json").Select(f => (Path.GetFileName(f), (ReadOnlyMemory<byte>)File.ReadAllBytes(f))),
            problems);

    private static AuthorProfile? Parse(ReadOnlyMemory<byte> content, List<string> problems)
    {
        if (content.Length > MaxFileBytes)
        {
            problems.Add($"is {content.Length:N0} bytes; a profile may have at most {MaxFileBytes:N0}");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException e)
        {
            problems.Add($"is not JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("must be a JSON object ({ \"name\": … })");
                return null;
            }

            foreach (var property in root.EnumerateObject().Where(p => !Fields.Contains(p.Name, StringComparer.Ordinal)))
            {
                problems.Add($"has an unknown field '{property.Name}' (known: {string.Join(", ", Fields)})");
            }

            var name = Text(root, "name", NameLength, problems);
            if (name is null)
            {
                if (!root.TryGetProperty("name", out _))
                {
                    problems.Add("has no name: the name bylines carry is required");
                }

                return null;
            }

            if (name.Contains(AuthorName.Separator, StringComparison.Ordinal))
            {
                problems.Add($"name '{name}' has a comma and a space, which separate the names of a byline");
            }

            var slug = TextSlugifier.Slugify(name);
            if (slug.Length == 0)
            {
                problems.Add($"name '{name}' has no letters or digits");
            }

            var photo = Text(root, "photo", AddressLength, problems);
            if (photo is not null && !IsAddress(photo, allowSitePath: true))
            {
                problems.Add($"photo '{photo}' must be a site address (/media/…) or an https address");
            }

            var objectId = Text(root, "objectId", 36, problems);
            if (objectId is not null && !Guid.TryParseExact(objectId, "D", out _))
            {
                problems.Add($"objectId '{objectId}' is not an Entra ID object id (a GUID such as 00000000-0000-0000-0000-000000000000)");
            }

            var links = Links(root, problems);
            return new AuthorProfile(name, slug)
            {
                Bio = Text(root, "bio", BioLength, problems),
                Photo = photo,
                Links = links,
                ObjectId = objectId,
            };
        }
    }

    private static List<AuthorLink> Links(JsonElement root, List<string> problems)
    {
        var links = new List<AuthorLink>();
        if (!root.TryGetProperty("links", out var list))
        {
            return links;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add("links must be a list of { \"title\": …, \"url\": … }");
            return links;
        }

        if (list.GetArrayLength() > MaxLinks)
        {
            problems.Add($"has {list.GetArrayLength()} links; at most {MaxLinks} are shown");
            return links;
        }

        var position = 0;
        foreach (var item in list.EnumerateArray())
        {
            position++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"link {position} must be {{ \"title\": …, \"url\": … }}");
                continue;
            }

            var title = Text(item, "title", NameLength, problems, $"link {position}'s title");
            var url = Text(item, "url", AddressLength, problems, $"link {position}'s url");
            if (title is null || url is null)
            {
                problems.Add($"link {position} needs a title and a url");
            }
            else if (!IsAddress(url, allowSitePath: false))
            {
                problems.Add($"link {position}'s url '{url}' must be an https address");
            }
            else
            {
                links.Add(new AuthorLink(title, url));
            }
        }

        return links;
    }

    /// <summary>A trimmed text field, or null when absent; a problem when it is not text, is empty or is too long.</summary>
    private static string? Text(JsonElement parent, string field, int maxLength, List<string> problems, string? label = null)
    {
        label ??= field;
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{label} must be text");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            problems.Add($"{label} is empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            problems.Add($"{label} is {text.Length:N0} characters; at most {maxLength:N0} are allowed");
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n'))
        {
            problems.Add($"{label} has control characters");
            return null;
        }

        return text;
    }

    private static bool IsAddress(string text, bool allowSitePath) =>
        (allowSitePath && text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.Contains('\\', StringComparison.Ordinal)
            && Uri.TryCreate(text, UriKind.Relative, out _))
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && uri.UserInfo.Length == 0);
}
