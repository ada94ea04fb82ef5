using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Site;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>Frames from the providers newsrooms use are kept, safely; everything the sanitizer takes out is said.</summary>
public sealed class EmbedTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static (string Html, List<string> Warnings) Render(string markdown, MarkdownRenderer? renderer = null)
    {
        var body = (renderer ?? Renderer).Render(markdown, 20, out var problem);
        Assert.Null(problem);
        return (body.Html, body.Warnings.Select(w => w.ToString()).ToList());
    }

    [Fact]
    public void A_youtube_frame_is_kept_privacy_enhanced_lazy_sandboxed_and_titled()
    {
        var (html, warnings) = Render("Watch:\n\n<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?start=30\" frameborder=\"0\" allow=\"autoplay; encrypted-media\" allowfullscreen></iframe>\n");

        Assert.Contains(
            "<iframe width=\"560\" height=\"315\" allowfullscreen=\"\" src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30\" title=\"Embedded content from www.youtube-nocookie.com\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\" referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>",
            html,
            StringComparison.Ordinal);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("https://player.vimeo.com/video/146022717")]
    [InlineData("https://codepen.io/team/codepen/embed/PNaGbb?default-tab=result")]
    [InlineData("https://datawrapper.dwcdn.net/dX2fH/1/")]
    [InlineData("https://flo.uri.sh/visualisation/1234/embed")]
    [InlineData("https://e.infogram.com/abc?src=embed")]
    public void A_frame_from_a_newsroom_provider_is_kept(string src)
    {
        var (html, warnings) = Render($"<iframe src=\"{src}\" title=\"Chart\"></iframe>");

        Assert.Contains($"src=\"{src.Replace("&", "&amp;", StringComparison.Ordinal)}\" title=\"Chart\"", html, StringComparison.Ordinal);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_frame_from_anywhere_else_is_left_out_with_a_warning_naming_it_and_its_line()
    {
        var (html, warnings) = Render("Intro.\n\n<iframe src=\"https://www.slideshare.net/slideshow/embed_code/key/abc\"></iframe>\n\n<iframe src=\"https://player.vimeo.com/video/1\"></iframe>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n");

        Assert.DoesNotContain("slideshare", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("player.vimeo.com", html, StringComparison.Ordinal);
        Assert.Equal(
            [
                "line 22: html: the <iframe> from www.slideshare.net (not an allowed embed, Site:EmbedHosts) is not allowed in a post: it is left out",
                "line 26: html: the <iframe> from evil.example (not an allowed embed, Site:EmbedHosts) is not allowed in a post: it is left out",
            ],
            warnings);
    }

    [Fact]
    public void The_site_can_allow_more_hosts()
    {
        var renderer = new MarkdownRenderer(new SiteOptions { EmbedHosts = ["embed.example.org"] });

        var (html, warnings) = Render("<iframe src=\"https://embed.example.org/map/3\"></iframe>", renderer);

        Assert.Contains("src=\"https://embed.example.org/map/3\"", html, StringComparison.Ordinal);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Everything_else_the_sanitizer_removes_is_a_warning_with_its_line()
    {
        var (html, warnings) = Render("Text.\n\n<p onclick=\"steal()\">Hi</p>\n\n<script>alert(1)</script>\n\n<form action=\"/x\"><input name=\"q\"></form>\n");

        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("line 22: html: the 'onclick' attribute of a <p> is not allowed in a post: it is left out", warnings);
        Assert.Contains("line 24: html: the <script> element is not allowed in a post: it is left out", warnings);
        Assert.Contains("line 26: html: the <form> element is not allowed in a post: it is left out", warnings);
    }
}
