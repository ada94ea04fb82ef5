using CovalentBond.Publishing.Rendering;

namespace CovalentBond.Publishing.Tests.Shortcodes;

/// <summary>Hugo shortcodes and Jekyll Liquid tags as real migrated posts write them: rendered or left out, never shown raw.</summary>
public sealed class ShortcodeTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static (string Html, IReadOnlyList<string> Warnings) Render(string markdown)
    {
        var body = Renderer.Render(markdown, 10, out var problem);
        Assert.Null(problem);
        return (body.Html, body.Warnings.Select(w => w.ToString()).ToList());
    }

    private static void AssertNoTemplateSyntax(string html)
    {
        // Outside code, readers never see template syntax.
        var outsideCode = System.Text.RegularExpressions.Regex.Replace(html, "<code[^>]*>.*?</code>", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline);
        foreach (var leak in new[] { "{{<", "{{%", "{%", "{{ site.", "{{site." })
        {
            Assert.DoesNotContain(leak, outsideCode, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_jekyll_highlight_block_is_code_and_the_html_in_it_stays_text()
    {
        var (html, warnings) = Render("Before.\n\n{% highlight html %}\n<h1>Title</h1>\n  <p class=\"x\">indented</p>\n{% endhighlight %}\n\nAfter.");

        Assert.Contains("<pre><code class=\"language-html\">&lt;h1&gt;Title&lt;/h1&gt;\n  &lt;p class=\"x\"&gt;indented&lt;/p&gt;\n</code></pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>After.</p>", html, StringComparison.Ordinal);
        Assert.Empty(warnings);
        AssertNoTemplateSyntax(html);
    }

    [Fact]
    public void A_hugo_highlight_block_with_options_is_code_in_its_language()
    {
        var (html, _) = Render("{{< highlight go \"linenos=table,hl_lines=2\" >}}\nfunc main() {\n\tfmt.Println(\"{{< not a shortcode >}}\")\n}\n{{< / highlight >}}");

        Assert.StartsWith("<pre><code class=\"language-go\">func main() {", html, StringComparison.Ordinal);
        Assert.Contains("fmt.Println(\"{{&lt; not a shortcode &gt;}}\")", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Liquid_raw_text_is_shown_as_code()
    {
        var (html, warnings) = Render("Write {% raw %}{{ site.title }}{% endraw %} in the layout.");

        Assert.Equal("<p>Write <code>{{ site.title }}</code> in the layout.</p>\n", html);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_hugo_figure_becomes_a_figure_with_its_caption_and_quotes_stay_straight()
    {
        var (html, warnings) = Render("{{< figure src=\"https://example.com/bridge.jpg\" alt=\"The \\\"old\\\" bridge\" caption=\"Mostar, 2004\" >}}");

        Assert.Equal("<figure><img src=\"https://example.com/bridge.jpg\" alt=\"The &quot;old&quot; bridge\" loading=\"lazy\" decoding=\"async\"><figcaption>Mostar, 2004</figcaption></figure>\n", html);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("{{< youtube dQw4w9WgXcQ >}}", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("{{< youtube id=\"dQw4w9WgXcQ\" title=\"The interview\" >}}", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("{{< vimeo 146022717 >}}", "https://vimeo.com/146022717")]
    [InlineData("{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}", "https://x.com/SanDiegoZoo/status/1453110110599868418")]
    [InlineData("{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}", "https://x.com/SanDiegoZoo/status/1453110110599868418")]
    [InlineData("{{< tweet 1453110110599868418 >}}", "https://x.com/i/status/1453110110599868418")]
    [InlineData("{% gist parkr/931c1c8d465a04042403 %}", "https://gist.github.com/parkr/931c1c8d465a04042403")]
    [InlineData("{{< gist spf13 7896402 >}}", "https://gist.github.com/spf13/7896402")]
    [InlineData("{{< instagram BWNjjyYFxVx >}}", "https://www.instagram.com/p/BWNjjyYFxVx/")]
    public void An_embed_is_a_link_to_the_provider_and_asks_nothing_of_it_until_followed(string markdown, string url)
    {
        var (html, warnings) = Render(markdown);

        Assert.Contains($"<a href=\"{url}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Empty(warnings);
        AssertNoTemplateSyntax(html);
    }

    [Theory]
    [InlineData("See {{< ref \"posts/other-story.md\" >}}.", "/posts/other-story/")]
    [InlineData("See {{< relref \"other-story\" >}}.", "/posts/other-story/")]
    [InlineData("See {% post_url 2010-07-21-other-story %}.", "/posts/other-story/")]
    [InlineData("See {% link _posts/2016-07-26-other-story.md %}.", "/posts/other-story/")]
    public void A_reference_to_another_post_is_that_posts_address(string markdown, string url)
    {
        var (html, _) = Render(markdown);

        Assert.Contains($"<a href=\"{url}\">{url}</a>", html, StringComparison.Ordinal);
        AssertNoTemplateSyntax(html);
    }

    [Fact]
    public void A_template_tag_in_a_links_address_is_resolved_and_code_keeps_it()
    {
        var (html, warnings) = Render(
            "[Hugo]({{< ref \"posts/other-story.md#part-2\" >}}), [Jekyll]({% post_url 2010-07-21-second %}), " +
            "![Logo]({{ site.baseurl }}/img/logo.png \"Logo\") and [odd]({{ site.cdn }}/x.pdf).\n\n" +
            "`[a]({{< ref \"b\" >}})`\n\n```\n[c]({% post_url d %})\n```");

        Assert.Contains("<a href=\"/posts/other-story/#part-2\">Hugo</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/posts/second/\">Jekyll</a>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/img/logo.png\" alt=\"Logo\" title=\"Logo\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/x.pdf\">odd</a>", html, StringComparison.Ordinal);
        Assert.Contains("<code>[a]({{&lt; ref &quot;b&quot; &gt;}})</code>", html.Replace("\"", "&quot;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("[c]({% post_url d %})", html, StringComparison.Ordinal);
        Assert.Equal("line 10: shortcode: '{{ site.cdn }}' in a link's address is not something the site can resolve: it is left out", Assert.Single(warnings));
        AssertNoTemplateSyntax(html);
    }

    [Fact]
    public void An_unknown_shortcode_is_left_out_with_a_warning_naming_its_line_and_its_text_stays()
    {
        var (html, warnings) = Render("Intro.\n\n{{< note >}}\nRemember this.\n{{< /note >}}\n\nA {{% fig-img src=\"x.jpg\" %}} and {% image cat.jpg %} inline.");

        Assert.Contains("<p>Remember this.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>A  and  inline.</p>", html, StringComparison.Ordinal);
        AssertNoTemplateSyntax(html);
        Assert.Contains("line 12: shortcode: '{{< note >}}' is not a shortcode or tag the site knows: it is left out", warnings);
        Assert.Contains(warnings, w => w.Contains("{% image cat.jpg %}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_variable_of_the_old_templates_is_left_out_with_a_warning()
    {
        var (html, warnings) = Render("Logo: {{ site.image_path }} and {{- page.title | upcase -}}.");

        Assert.Equal("<p>Logo:  and .</p>\n", html);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("variable of the old site's templates", warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Shortcodes_inside_code_stay_as_written()
    {
        var (html, warnings) = Render("Write `{{< youtube id >}}`:\n\n```\n{% highlight ruby %}\n{{ site.title }}\n```");

        Assert.Contains("<code>{{&lt; youtube id &gt;}}</code>", html, StringComparison.Ordinal);
        Assert.Contains("{% highlight ruby %}\n{{ site.title }}", html, StringComparison.Ordinal);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_hugo_shortcode_written_to_be_shown_is_shown_as_code()
    {
        var (html, _) = Render("Use {{</* figure src=\"x.jpg\" */>}} for figures.");

        Assert.Equal("<p>Use <code>{{&lt; figure src=\"x.jpg\" &gt;}}</code> for figures.</p>\n", html);
    }

    [Fact]
    public void Hugos_escape_inside_code_is_taken_off()
    {
        var (html, _) = Render("Write `{{</* youtube id */>}}`:\n\n```\n{{</* figure src=\"a.jpg\" */>}}\n{{%/* note */%}}\n```");

        Assert.Contains("<code>{{&lt; youtube id &gt;}}</code>", html, StringComparison.Ordinal);
        Assert.Contains("{{&lt; figure src=&quot;a.jpg&quot; &gt;}}\n{{% note %}}", html.Replace("\"", "&quot;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("/*", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{< figure src=\"javascript:alert(1)\" >}}")]
    [InlineData("{{< youtube \"x\\\" onload=\\\"alert(1)\" >}}")]
    [InlineData("{{< figure src=\"/a.jpg\" link=\"javascript:alert(1)\" >}}")]
    public void A_shortcode_cannot_carry_script(string markdown)
    {
        var html = Renderer.Render(markdown, 1, out _).Html;

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
    }
}
