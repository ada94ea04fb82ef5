using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Publishing.Tests.Rendering;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)><circle r=1 /></svg>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<details open ontoggle=alert(1)>x</details>")]
    public void Script_payloads_do_not_survive(string markdown)
    {
        var html = Renderer.ToHtml(markdown).ToLowerInvariant();

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ontoggle", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_raw_html_passes_through()
    {
        var html = Renderer.ToHtml("<abbr title=\"European Union\">EU</abbr> and <kbd>Ctrl</kbd>");

        Assert.Contains("<abbr title=\"European Union\">EU</abbr>", html, StringComparison.Ordinal);
        Assert.Contains("<kbd>Ctrl</kbd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void External_links_get_noopener_and_internal_ones_do_not()
    {
        var html = Renderer.ToHtml("[Reuters](https://www.reuters.com/) and [earlier](/posts/peace-pause/) and https://politico.eu/x");

        Assert.Contains("<a href=\"https://www.reuters.com/\" rel=\"noopener\">Reuters</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/posts/peace-pause/\">earlier</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://politico.eu/x\" rel=\"noopener\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_footnotes_heading_ids_and_smart_quotes_render()
    {
        var html = Renderer.ToHtml("## Possible developments\n\n\"quoted\" -- dash[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: A note.\n");

        Assert.Contains("<h2 id=\"possible-developments\">", html, StringComparison.Ordinal);
        Assert.Contains("“quoted” – dash", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"footnotes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_are_counted_from_the_text_not_the_markup()
    {
        Assert.Equal(4, Renderer.RenderAccepted("**One** [two](https://x.example) three\n\n- four").Words);
    }

    [Fact]
    public void A_bare_url_with_escaped_underscores_links_to_the_address_it_means()
    {
        var html = Renderer.ToHtml("See https://www.youtube.com/watch?v=Di\\_pm9RM6jU now, and `https://x.example/a\\_b` in code.");

        Assert.Contains("<a href=\"https://www.youtube.com/watch?v=Di_pm9RM6jU\" rel=\"noopener\">https://www.youtube.com/watch?v=Di_pm9RM6jU</a>", html, StringComparison.Ordinal);
        Assert.Contains("<code>https://x.example/a\\_b</code>", html, StringComparison.Ordinal);
    }
}
