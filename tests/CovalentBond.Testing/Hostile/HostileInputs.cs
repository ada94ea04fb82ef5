using System.Text;

namespace CovalentBond.Testing.Hostile;

/// <summary>One hostile upload: its family, a name that says what it tries, and its bytes.</summary>
/// <param name="MayPublish">
/// True for inputs a site should accept once made safe (sanitizer evasions, odd but valid text): the
/// suite then checks what reaches the page instead of a refusal.
/// </param>
public sealed record HostileInput(string Family, string Name, byte[] Content, bool MayPublish = false)
{
    public override string ToString() => $"{Family}/{Name}";

    /// <summary>A file name for the input: safe on every file system, unique in the corpus.</summary>
    public string FileName => $"{Family}-{Name}.md";
}

/// <summary>
/// The hostile-input corpus of issue 10: every family the review found (encodings, structure, YAML abuse,
/// types and nulls, control and non-characters, dates and zones, sizes, slugs and aliases, image and
/// link URLs, pathological Markdown, sanitizer evasions). Each input is made here, in code, so the corpus
/// is reviewed like code and needs no fixtures on disk.
/// </summary>
public static class HostileInputs
{
    public static IReadOnlyList<HostileInput> All { get; } = Build();

    /// <summary>Every input's name (<c>family/name</c>), one test case each.</summary>
    public static Xunit.TheoryData<string> Names
    {
        get
        {
            var names = new Xunit.TheoryData<string>();
            foreach (var input in All)
            {
                names.Add(input.ToString());
            }

            return names;
        }
    }

    /// <summary>The input named <paramref name="name"/> (<c>family/name</c>).</summary>
    public static HostileInput Named(string name) => All.Single(i => i.ToString() == name);

    private static string Post(string frontMatter, string body = "Body.") =>
        $"---\n{frontMatter}---\n{body}\n";

    private static string Titled(string extra, string body = "Body.") =>
        Post($"title: Hostile\ndate: 2025-05-20\n{extra}", body);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static List<HostileInput> Build()
    {
        var all = new List<HostileInput>();
        void Add(string family, string name, string text, bool mayPublish = false) => all.Add(new(family, name, Utf8(text), mayPublish));
        void AddBytes(string family, string name, byte[] bytes) => all.Add(new(family, name, bytes));

        // Encodings.
        var good = Utf8(Titled(string.Empty));
        AddBytes("encoding", "utf16le-bom", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Titled(string.Empty))]);
        AddBytes("encoding", "utf16be-bom", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Titled(string.Empty))]);
        AddBytes("encoding", "utf32", Encoding.UTF32.GetBytes(Titled(string.Empty)));
        AddBytes("encoding", "latin1-title", Encoding.Latin1.GetBytes(Titled(string.Empty).Replace("Hostile", "Türkiye", StringComparison.Ordinal)));
        AddBytes("encoding", "nul-byte", [.. good[..10], 0, .. good[10..]]);
        AddBytes("encoding", "overlong-slash", [.. Utf8("---\ntitle: a"), 0xC0, 0xAF, .. Utf8("\ndate: 2025-05-20\n---\nx")]);
        AddBytes("encoding", "cesu-surrogate", [.. Utf8("---\ntitle: a"), 0xED, 0xA0, 0x80, .. Utf8("\ndate: 2025-05-20\n---\nx")]);
        AddBytes("encoding", "truncated-sequence", [.. Utf8("---\ntitle: a"), 0xE2, 0x82, .. Utf8("\ndate: 2025-05-20\n---\nx")]);
        AddBytes("encoding", "invalid-continuation", [.. good, 0x80, 0x80]);
        AddBytes("encoding", "five-byte-sequence", [.. good, 0xF8, 0x88, 0x80, 0x80, 0x80]);
        AddBytes("encoding", "double-bom", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. good]);
        AddBytes("encoding", "empty-file", []);
        AddBytes("encoding", "only-bom", [0xEF, 0xBB, 0xBF]);
        AddBytes("encoding", "binary-png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 200).Select(i => (byte)i)]);
        AddBytes("encoding", "too-large", [.. Utf8(Titled(string.Empty)), .. Enumerable.Repeat((byte)'a', (1024 * 1024) + 1)]);

        // Structure.
        Add("structure", "no-front-matter", "# Just a heading\n\nBody.");
        Add("structure", "unclosed-front-matter", "---\ntitle: Open\ndate: 2025-05-20\nBody without a closing line.");
        Add("structure", "only-dashes", "---\n---\n");
        Add("structure", "front-matter-not-a-mapping", "---\n- a\n- b\n---\nbody");
        Add("structure", "front-matter-scalar", "---\njust text\n---\nbody");
        Add("structure", "two-documents", "---\ntitle: a\ndate: 2025-05-20\n--- !x\ntitle: b\n---\nbody");
        Add("structure", "dashes-with-spaces", "  ---\ntitle: a\ndate: 2025-05-20\n---\nbody");
        Add("structure", "front-matter-too-large", Titled($"padding: \"{new string('p', 70_000)}\"\n"));
        Add("structure", "many-keys", Titled(string.Concat(Enumerable.Range(0, 3_000).Select(i => $"k{i}: v\n"))), mayPublish: true);
        Add("structure", "cr-only-lines", "---\rtitle: CR\rdate: 2025-05-20\r---\rbody", mayPublish: true);
        Add("structure", "empty-body", Titled(string.Empty, string.Empty), mayPublish: true);
        Add("structure", "body-of-dashes", Titled(string.Empty, string.Concat(Enumerable.Repeat("---\n", 10_000))), mayPublish: true);
        Add("structure", "front-matter-in-body", Titled(string.Empty, "---\ntitle: Inner\n---\ntext"), mayPublish: true);

        // YAML abuse.
        Add("yaml", "flow-depth-30000", Titled($"tags: {new string('[', 30_000)}{new string(']', 30_000)}\n"));
        Add("yaml", "flow-depth-5000-unknown-key", Titled($"keywords: {new string('[', 5_000)}{new string(']', 5_000)}\n"));
        Add("yaml", "mapping-depth-5000", Titled($"x: {string.Concat(Enumerable.Repeat("{a: ", 5_000))}1{new string('}', 5_000)}\n"));
        Add("yaml", "block-depth-300", Titled("deep:\n" + string.Concat(Enumerable.Range(1, 300).Select(i => new string(' ', i) + "- \n"))));
        Add("yaml", "block-mapping-depth-200", Titled(string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + $"k{i}:\n"))));
        Add("yaml", "unclosed-flow-sequence", Post("title: T\ntags: [Ukraine, Russia\ndate: 2025-05-20\n"));
        Add("yaml", "unclosed-flow-mapping", Post("title: T\nx: {a: 1\ndate: 2025-05-20\n"));
        Add("yaml", "unclosed-quote", Post("title: \"open\ndate: 2025-05-20\n"));
        Add("yaml", "anchor-and-alias", Titled("a: &x hello\nb: *x\n"));
        Add("yaml", "alias-to-title", Post("t: &t Title\ntitle: *t\ndate: 2025-05-20\n"));
        Add("yaml", "merge-key", Titled("base: &b {a: 1}\nother:\n  <<: *b\n"));
        Add("yaml", "undefined-alias", Titled("b: *nothing\n"));
        Add("yaml", "billion-laughs-8", Titled(Laughs(8)));
        Add("yaml", "billion-laughs-9", Titled(Laughs(9)));
        Add("yaml", "duplicate-title", Post("title: One\ntitle: Two\ndate: 2025-05-20\n"));
        Add("yaml", "duplicate-date", Post("title: One\ndate: 2025-05-20\ndate: 2025-05-21\n"));
        Add("yaml", "python-tag", Titled("x: !!python/object/apply:os.system ['rm -rf /']\n"), mayPublish: true);
        Add("yaml", "custom-tag-on-title", Post("title: !secret Hostile\ndate: 2025-05-20\n"), mayPublish: true);
        Add("yaml", "binary-tag", Titled("x: !!binary aGVsbG8=\n"), mayPublish: true);
        Add("yaml", "complex-key", Titled("? [a, b]\n: value\n"));
        Add("yaml", "tab-indentation", Post("title: T\ndate: 2025-05-20\nx:\n\t- a\n"));
        Add("yaml", "directive", Post("%YAML 1.1\ntitle: T\ndate: 2025-05-20\n"));
        Add("yaml", "key-10000-chars", Titled($"{new string('k', 10_000)}: v\n"), mayPublish: true);
        Add("yaml", "empty-key", Titled("\"\": v\n"));
        Add("yaml", "null-key", Titled("~: v\n"), mayPublish: true);
        Add("yaml", "numeric-key", Titled("123: v\n"), mayPublish: true);
        Add("yaml", "document-end-marker", "---\ntitle: T\ndate: 2025-05-20\n...\nbody", mayPublish: true);
        Add("yaml", "flow-10000-items", Titled($"x: [{string.Join(", ", Enumerable.Range(0, 10_000))}]\n"), mayPublish: true);
        Add("yaml", "long-folded-scalar", Titled("x: >\n" + string.Concat(Enumerable.Repeat("  words words words\n", 2_000))), mayPublish: true);
        Add("yaml", "bad-escape", Post("title: \"bad \\q escape\"\ndate: 2025-05-20\n"));
        Add("yaml", "bad-indentation", Post("title: T\n  date: 2025-05-20\n"));

        // Types and nulls.
        Add("types", "title-tilde", Post("title: ~\ndate: 2025-05-20\n"));
        Add("types", "title-null-word", Post("title: null\ndate: 2025-05-20\n"));
        Add("types", "title-empty", Post("title:\ndate: 2025-05-20\n"));
        Add("types", "title-empty-quoted", Post("title: \"\"\ndate: 2025-05-20\n"));
        Add("types", "title-spaces", Post("title: \"   \"\ndate: 2025-05-20\n"));
        Add("types", "title-list", Post("title: [a, b]\ndate: 2025-05-20\n"));
        Add("types", "title-mapping", Post("title: {a: b}\ndate: 2025-05-20\n"));
        Add("types", "date-list", Post("title: T\ndate: [2025-05-20]\n"));
        Add("types", "date-number", Post("title: T\ndate: 1716163200\n"));
        Add("types", "date-null", Post("title: T\ndate: ~\n"));
        Add("types", "no-date", Post("title: T\n"));
        Add("types", "tags-mapping", Titled("tags: {a: b}\n"));
        Add("types", "tags-nested-list", Titled("tags: [[a], [b]]\n"));
        Add("types", "tags-null-entry", Titled("tags: [a, ~]\n"));
        Add("types", "tags-punctuation-only", Titled("tags: ['!!!', '???']\n"));
        Add("types", "tags-number", Titled("tags: 42\n"), mayPublish: true);
        Add("types", "draft-maybe", Titled("draft: maybe\n"));
        Add("types", "draft-list", Titled("draft: [true]\n"));
        Add("types", "slug-number", Titled("slug: 12345\n"), mayPublish: true);
        Add("types", "slug-list", Titled("slug: [a]\n"));
        Add("types", "author-mapping", Titled("author: {name: x}\n"));
        Add("types", "aliases-mapping", Titled("aliases: {a: /x/}\n"));
        Add("types", "image-list", Titled("image: [a.png]\nimageAlt: x\n"));
        Add("types", "subtitle-number", Titled("subtitle: 3.14\n"), mayPublish: true);
        Add("types", "title-boolean", Post("title: yes\ndate: 2025-05-20\n"), mayPublish: true);

        // Control and non-characters, raw and as YAML escapes.
        foreach (var code in new[] { 0x01, 0x02, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x85, 0x9F })
        {
            // U+0085 is a line break to YAML: folded into a space, it publishes.
            Add("control", $"title-raw-u{code:x4}", Post($"title: \"Bad {(char)code} title\"\ndate: 2025-05-20\n"), mayPublish: code == 0x85);
        }

        foreach (var escape in new[] { "\\x01", "\\x1F", "\\v", "\\b", "\\e", "\\0", "\\x7F", "\\uFFFE", "\\uFFFF", "\\uFDD0", "\\uD800", "\\uDC00", "\\U0001FFFE", "\\U0010FFFF" })
        {
            var label = escape.TrimStart('\\').ToLowerInvariant();
            Add("control", $"title-escape-{label}", Post($"title: \"Bad {escape} title\"\ndate: 2025-05-20\n"));
        }

        Add("control", "author-vertical-tab", Titled("author: \"A\\vB\"\n"));
        Add("control", "tag-unit-separator", Titled("tags: [\"x\\x1F\"]\n"));
        Add("control", "subtitle-nonchar", Titled("subtitle: \"\\uFFFE\"\n"));
        Add("control", "slug-control", Titled("slug: \"a\\x01b\"\n"));
        Add("control", "alias-control", Titled("aliases: [\"/old/\\x01/\"]\n"));
        Add("control", "image-alt-control", Titled("image: /media/a.png\nimageAlt: \"alt \\x02\"\n"));
        Add("control", "body-raw-control", Titled(string.Empty, "Body \u0001 with a control character."));
        Add("control", "body-escape-is-text", Titled(string.Empty, "Body \\x01 is just text."), mayPublish: true);
        Add("control", "unknown-field-control", Titled("notes: \"a\\x01b\"\n"), mayPublish: true);
        Add("control", "bidi-override-title", Post("title: \"Safe \u202Eevil\"\ndate: 2025-05-20\n"), mayPublish: true);
        Add("control", "zero-width-title", Post("title: \"Zero\u200Bwidth\"\ndate: 2025-05-20\n"), mayPublish: true);

        // Dates and zones.
        foreach (var (name, date) in new[]
        {
            ("offset-plus-1430", "2025-05-20T10:00:00+14:30"), ("offset-minus-1459", "2025-05-20T10:00:00-14:59"),
            ("offset-plus-15", "2025-05-20T10:00:00+15:00"), ("offset-minutes-60", "2025-05-20T10:00:00+01:60"),
            ("year-1-plus-14", "0001-01-01T00:00:00+14:00"), ("year-9999-minus-10", "9999-12-31T23:00:00-10:00"),
            ("year-1600", "1600-01-01"), ("year-0", "0000-01-01"), ("year-9999-end", "9999-12-31"),
            ("february-30", "2025-02-30"), ("month-13", "2025-13-01"), ("hour-24", "2025-05-20T24:00:00"),
            ("hour-25", "2025-05-20T25:00"), ("minute-61", "2025-05-20T10:61"), ("second-61", "2025-05-20T10:00:61"),
            ("dst-gap", "2025-03-30T02:30:00"), ("yesterday", "yesterday"), ("iso-week", "2025-W21-2"),
            ("slashes", "05/20/2025"), ("five-digit-year", "20250-05-20"), ("fraction-8-digits", "2025-05-20T10:00:00.123456789Z"),
            ("offset-no-colon-long", "2025-05-20T10:00:00+14300"), ("trailing-garbage", "2025-05-20 and more"),
            ("negative-year", "-2025-05-20"),
        })
        {
            // The clocks skip 02:30 on 2025-03-30 in Europe's zones, not in UTC (the CLI's default).
            Add("dates", name, Post($"title: Dates\ndate: {date}\n"), mayPublish: name == "dst-gap");
        }

        Add("dates", "expiry-before-date", Titled("expiryDate: 2025-05-19\n"));
        Add("dates", "publishdate-year-1", Titled("publishDate: 0001-01-01\n"));
        Add("dates", "lastmod-9999", Titled("lastmod: 9999-12-31T23:59:59-14:00\n"));
        Add("dates", "dst-overlap", Post("title: Dates\ndate: 2025-10-26T02:30:00\n"), mayPublish: true);
        Add("dates", "year-1700", Post("title: Old\ndate: 1700-01-01\n"), mayPublish: true);
        Add("dates", "year-9000", Post("title: Future\ndate: 9000-01-01\n"), mayPublish: true);

        // Sizes.
        Add("sizes", "subtitle-40000", Titled($"subtitle: {new string('s', 40_000)}\n"));
        Add("sizes", "title-600000", Post($"title: {new string('t', 600_000)}\ndate: 2025-05-20\n"));
        Add("sizes", "title-251", Post($"title: {new string('t', 251)}\ndate: 2025-05-20\n"));
        Add("sizes", "title-250", Post($"title: {new string('t', 250)}\ndate: 2025-05-20\n"), mayPublish: true);
        Add("sizes", "tags-10000", Titled($"tags: [{string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"t{i}"))}]\n"));
        Add("sizes", "tags-2000", Titled($"tags: [{string.Join(", ", Enumerable.Range(0, 2_000).Select(i => $"tag{i}"))}]\n"));
        Add("sizes", "tags-26", Titled($"tags: [{string.Join(", ", Enumerable.Range(0, 26).Select(i => $"tag{i}"))}]\n"));
        Add("sizes", "tags-25", Titled($"tags: [{string.Join(", ", Enumerable.Range(0, 25).Select(i => $"tag{i}"))}]\n"), mayPublish: true);
        Add("sizes", "tags-comma-string-5000", Titled($"tags: {string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"t{i}"))}\n"));
        Add("sizes", "tag-3000-letters", Titled($"tags: [{new string('x', 3_000)}]\n"));
        Add("sizes", "tag-61-letters", Titled($"tags: [{new string('x', 61)}]\n"));
        Add("sizes", "aliases-5000", Titled($"aliases: [{string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"/old/{i}/"))}]\n"));
        Add("sizes", "alias-400-chars", Titled($"aliases: [/{new string('a', 400)}/]\n"));
        Add("sizes", "author-10000", Titled($"author: {new string('a', 10_000)}\n"));
        Add("sizes", "image-alt-5000", Titled($"image: /a.png\nimageAlt: {new string('a', 5_000)}\n"));
        Add("sizes", "image-url-5000", Titled($"image: https://example.com/{new string('a', 5_000)}.png\nimageAlt: x\n"));
        Add("sizes", "body-one-long-line", Titled(string.Empty, new string('w', 900_000)), mayPublish: true);
        // Refused by the 256 KiB rendered-HTML cap until issue 26 raised it to 2 MiB: a long body that renders within the budget publishes.
        Add("sizes", "body-many-paragraphs", Titled(string.Empty, string.Concat(Enumerable.Repeat("Some plain words in a paragraph.\n\n", 25_000))), mayPublish: true);
        Add("sizes", "subtitle-600-multibyte", Titled($"subtitle: {string.Concat(Enumerable.Repeat("ğ", 600))}\n"), mayPublish: true);

        // Slugs and aliases.
        foreach (var (name, slug) in new[]
        {
            ("dot-dot", "../etc"), ("uppercase", "Hello"), ("double-dash", "a--b"), ("leading-dash", "-a"), ("slash", "a/b"),
            ("backslash", "a\\\\b"), ("space", "\"a b\""), ("unicode", "türkiye"), ("101-chars", new string('a', 101)),
            ("percent", "a%2Fb"), ("empty-quoted", "\"\""), ("dot", "."),
        })
        {
            Add("slugs", $"slug-{name}", Titled($"slug: {slug}\n"));
        }

        foreach (var (name, alias) in new[]
        {
            ("root", "/"), ("tags-folder", "/tags/x/"), ("assets-folder", "/assets/x/"), ("archives", "/archives/2025/"),
            ("sitemaps", "/sitemaps/x/"), ("protocol-relative", "//evil.example/"), ("dot-dot", "/a/../b/"),
            ("javascript", "javascript:alert(1)"), ("backslash", "/\\\\evil.example/"), ("space", "\"/a b/\""), ("query", "/a?b=c"),
            ("fragment", "/a#b"), ("full-url", "https://evil.example/x/"), ("no-leading-slash-dotdot", "../x/"),
        })
        {
            Add("aliases", $"alias-{name}", Titled($"aliases: [{alias}]\n"));
        }

        // Issue 26: aliases checked once decoded, on the file the static website serves.
        foreach (var (name, alias) in new[]
        {
            ("encoded-home", "/%69ndex.html"), ("encoded-404", "/%34%30%34.html"), ("encoded-tag-page", "/tags%2Fpolitics/"),
            ("mixed-case-home", "/INDEX.HTML"), ("encoded-dot-dot", "/%2e%2e/%2e%2e/x/"), ("encoded-nul", "/%00/x/"),
            ("encoded-backslash", "/a%5Cb/"), ("encoded-rtl-override", "/a%E2%80%AEb/"), ("bad-utf8", "/a%C3/"), ("feed-as-folder", "/feed.xml/"),
        })
        {
            Add("aliases", $"alias-{name}", Titled($"aliases: ['{alias}']\n"));
        }

        Add("dates", "fullwidth-offset", Post("title: Dates\ndate: 2025-05-20T10:00:00+\uFF10\uFF11:\uFF10\uFF10\n"));
        Add("dates", "arabic-indic-digits", Post("title: Dates\ndate: \u0662\u0660\u0662\u0665-05-20\n"));
        Add("unicode", "emoji-tag", Titled("tags: [Launch day \U0001F680]\n"), mayPublish: true);
        Add("unicode", "emoji-title", Post("title: \"Launch \U0001F680 day\"\ndate: 2025-05-20\n"), mayPublish: true);
        Add("unicode", "zwj-and-marks-tag", Titled("tags: [\"\U0001F469\u200D\U0001F469 Cafe\u0301 \u200Fx\"]\n"), mayPublish: true);
        Add("urls", "image-encoded-dot-dot", Titled("image: /media/%2e%2e/%2e%2e/secret.jpg\nimageAlt: x\n"));
        Add("aliases", "alias-own-address-of-other-post", Titled("aliases: [/posts/someone-else/]\n"), mayPublish: true);
        Add("aliases", "alias-duplicates", Titled("aliases: [/old/a/, /old/a, /old/a/]\n"), mayPublish: true);

        // Image and link URLs.
        foreach (var (name, image) in new[]
        {
            ("javascript", "javascript:alert(1)"), ("data", "data:image/svg+xml;base64,PHN2Zz4="), ("protocol-relative", "//evil.example/x.png"),
            ("backslash-host", "/\\\\evil.example/x.png"), ("vbscript", "vbscript:x"), ("relative-climbing", "../x.png"), ("ftp", "ftp://example.com/x.png"),
            ("http-no-host", "\"http:///x.png\""), ("quote", "\"/a\\\"onerror=alert(1).png\""), ("space", "\"/a b.png\""), ("dot-dot", "/../x.png"),
            ("file", "file:///etc/passwd"), ("angle", "\"/a<script>.png\""),
        })
        {
            Add("urls", $"image-{name}", Titled($"image: {image}\nimageAlt: x\n"));
        }

        // An image file beside the post is the post's own (Media/): it publishes, and shows once uploaded.
        Add("urls", "image-relative", Titled("image: x.png\nimageAlt: x\n"), mayPublish: true);

        foreach (var (name, link) in new[]
        {
            ("javascript", "[x](javascript:alert(1))"), ("javascript-entity", "[x](jav&#x09;ascript:alert(1))"),
            ("javascript-case", "[x](JaVaScRiPt:alert(1))"), ("data", "[x](data:text/html,<script>alert(1)</script>)"),
            ("vbscript", "[x](vbscript:msgbox)"), ("image-javascript", "![x](javascript:alert(1))"),
            ("reference-javascript", "[x][r]\n\n[r]: javascript:alert(1)"), ("autolink-javascript", "<javascript:alert(1)>"),
            ("title-quote-breakout", "[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")"),
            ("protocol-relative", "[x](//evil.example/)"), ("newline-in-scheme", "[x](java\nscript:alert(1))"),
        })
        {
            Add("urls", $"link-{name}", Titled(string.Empty, link), mayPublish: true);
        }

        // Pathological Markdown.
        Add("markdown", "headings-20000", Titled(string.Empty, string.Concat(Enumerable.Repeat("# same\n\n", 20_000))));
        Add("markdown", "headings-2000-same", Titled(string.Empty, string.Concat(Enumerable.Repeat("# same\n\n", 2_000))), mayPublish: true);
        Add("markdown", "setext-headings-20000", Titled(string.Empty, string.Concat(Enumerable.Repeat("same\n===\n\n", 20_000))));
        Add("markdown", "autolinks-80000", Titled(string.Empty, string.Concat(Enumerable.Repeat("https://example.com/a ", 40_000))));
        Add("markdown", "autolinks-www-20000", Titled(string.Empty, string.Concat(Enumerable.Repeat("www.example.com ", 20_000))));
        Add("markdown", "autolinks-in-paragraphs", Titled(string.Empty, string.Concat(Enumerable.Repeat("https://example.com/a\n\n", 20_000))), mayPublish: true);
        Add("markdown", "nested-divs-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("<div>", 50_000))));
        Add("markdown", "nested-spans-20000", Titled(string.Empty, "x " + string.Concat(Enumerable.Repeat("<span>", 20_000))));
        Add("markdown", "nested-b-20000", Titled(string.Empty, "x " + string.Concat(Enumerable.Repeat("<b>", 20_000))));
        Add("markdown", "closed-divs-30000", Titled(string.Empty, string.Concat(Enumerable.Repeat("<div>x</div>\n", 30_000))), mayPublish: true);
        Add("markdown", "unclosed-links-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("[a](", 50_000))));
        Add("markdown", "unclosed-brackets-100000", Titled(string.Empty, new string('[', 100_000)));
        Add("markdown", "nested-brackets-50000", Titled(string.Empty, new string('[', 50_000) + "x" + new string(']', 50_000)));
        Add("markdown", "nested-quotes-2000", Titled(string.Empty, new string('>', 2_000) + " deep"));
        Add("markdown", "nested-lists-1000", Titled(string.Empty, string.Concat(Enumerable.Range(0, 1_000).Select(i => new string(' ', i * 2) + "- x\n"))));
        Add("markdown", "nested-ordered-lists-400", Titled(string.Empty, string.Concat(Enumerable.Range(0, 400).Select(i => new string(' ', i * 3) + "1. x\n"))));
        Add("markdown", "emphasis-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("*a ", 50_000))));
        Add("markdown", "emphasis-mix-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("**a_ ", 50_000))));
        Add("markdown", "emphasis-nested-5000", Titled(string.Empty, new string('*', 5_000) + "a" + new string('*', 5_000)));
        Add("markdown", "backticks-50000", Titled(string.Empty, string.Concat(Enumerable.Range(1, 200).Select(i => new string('`', i) + " ")) + string.Concat(Enumerable.Repeat("`a ", 50_000))), mayPublish: true);
        Add("markdown", "footnotes-40000", Titled(string.Empty, string.Concat(Enumerable.Range(0, 40_000).Select(i => $"x[^{i}] ")) + "\n\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"[^{i}]: y\n"))));
        Add("markdown", "references-30000", Titled(string.Empty, string.Concat(Enumerable.Range(0, 30_000).Select(i => $"[x][{i}] ")) + "\n\n" + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"[{i}]: http://a.b/{i}\n"))));
        Add("markdown", "pipe-table-20000-rows", Titled(string.Empty, "|a|b|\n|-|-|\n" + string.Concat(Enumerable.Repeat("|x|y|\n", 20_000))), mayPublish: true); // as body-many-paragraphs
        Add("markdown", "pipe-table-2000-columns", Titled(string.Empty, "|" + string.Concat(Enumerable.Repeat("a|", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat("-|", 2_000)) + "\n"), mayPublish: true);
        Add("markdown", "grid-table-1000-columns", Titled(string.Empty, "+" + string.Concat(Enumerable.Repeat("-+", 1_000)) + "\n|" + string.Concat(Enumerable.Repeat("a|", 1_000)) + "\n+" + string.Concat(Enumerable.Repeat("-+", 1_000)) + "\n"), mayPublish: true);
        Add("markdown", "tables-in-quotes-10000", Titled(string.Empty, string.Concat(Enumerable.Repeat("> | a | b |\n> |---|---|\n> | c | d |\n", 10_000))), mayPublish: true); // as body-many-paragraphs
        Add("markdown", "html-comments-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("<!-- a ", 50_000))), mayPublish: true);
        Add("markdown", "entities-30000", Titled(string.Empty, string.Concat(Enumerable.Repeat("&amp;&#x1F600;&bogus; ", 30_000))), mayPublish: true);
        Add("markdown", "generic-attributes-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("x{.a #b} ", 50_000))), mayPublish: true);
        Add("markdown", "code-fence-unclosed", Titled(string.Empty, "```\n" + string.Concat(Enumerable.Repeat("code\n", 50_000))), mayPublish: true);
        Add("markdown", "indented-code-huge", Titled(string.Empty, string.Concat(Enumerable.Repeat("    code line\n", 50_000))), mayPublish: true);
        Add("markdown", "link-destinations-angle-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("[a](<", 50_000))), mayPublish: true);
        Add("markdown", "images-unclosed-50000", Titled(string.Empty, string.Concat(Enumerable.Repeat("![a](", 50_000))));

        // Sanitizer evasions: they may publish, made safe.
        foreach (var (name, html) in new[]
        {
            ("script", "<script>alert(1)</script>"), ("script-upper", "<SCRIPT>alert(1)</SCRIPT>"),
            ("img-onerror", "<img src=x onerror=alert(1)>"), ("svg-onload", "<svg onload=alert(1)></svg>"),
            ("a-javascript", "<a href=\"javascript:alert(1)\">x</a>"), ("a-javascript-tab", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
            ("a-javascript-entities", "<a href=\"&#106;avascript:alert(1)\">x</a>"), ("iframe", "<iframe src=\"https://evil.example/\"></iframe>"),
            ("iframe-srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>"), ("object", "<object data=\"javascript:alert(1)\"></object>"),
            ("embed", "<embed src=\"javascript:alert(1)\">"), ("form", "<form action=\"https://evil.example/\"><input name=p></form>"),
            ("base", "<base href=\"https://evil.example/\">"), ("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"),
            ("style-tag", "<style>body{display:none}</style>"), ("style-position-fixed", "<div style=\"position:fixed; inset:0; z-index:99\">cover</div>"),
            ("style-expression", "<div style=\"width: expression(alert(1))\">x</div>"), ("style-url-javascript", "<div style=\"background:url(javascript:alert(1))\">x</div>"),
            ("style-negative-margin", "<div style=\"margin-top:-500px\">over the header</div>"), ("style-transform", "<div style=\"transform:translateY(-300px)\">up</div>"),
            ("math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"), ("noscript-mxss", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"),
            ("template", "<template><script>alert(1)</script></template>"), ("link-import", "<link rel=\"import\" href=\"https://evil.example/\">"),
            ("event-on-div", "<div onclick=\"alert(1)\">x</div>"), ("event-on-body", "<body onload=alert(1)>"),
            ("xlink-href", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>"), ("formaction", "<button formaction=\"javascript:alert(1)\">x</button>"),
            ("srcset-javascript", "<img srcset=\"javascript:alert(1) 1x\">"), ("details-ontoggle", "<details open ontoggle=alert(1)>"),
            ("generic-attribute-onclick", "x{onclick=\"alert(1)\"}"), ("generic-attribute-style", "x{style=\"position:fixed;inset:0\"}"),
            ("comment-breakout", "<!--><script>alert(1)</script>-->"), ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
            ("markdown-html-mix", "**<img src=x onerror=alert(1)>**"), ("data-uri-img", "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">"),
        })
        {
            Add("sanitizer", name, Titled(string.Empty, $"Before.\n\n{html}\n\nAfter."), mayPublish: true);
        }

        return all;
    }

    /// <summary>A "billion laughs": each level an alias list of the one before, nine times over.</summary>
    private static string Laughs(int levels)
    {
        var text = new StringBuilder("lol0: &a0 \"lol\"\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        return text.ToString();
    }
}
