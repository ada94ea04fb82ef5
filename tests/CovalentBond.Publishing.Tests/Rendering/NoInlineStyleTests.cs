using System.Text;
using CovalentBond.Publishing.Rendering;
using CovalentBond.Publishing.Tests.Build;

namespace CovalentBond.Publishing.Tests.Rendering;

/// <summary>
/// One CSP for every origin (issue 26, finding 9): pages hold no inline style, so Front Door's <c>style-src 'self'</c>
/// changes nothing, and every page carries the same policy as a meta element for the storage endpoint.
/// </summary>
public sealed class NoInlineStyleTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void A_pipe_tables_alignment_is_a_class_not_a_style()
    {
        var html = Renderer.RenderAccepted("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n").Html;

        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-left\">1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-center\">2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-right\">3</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_tables_column_widths_are_dropped()
    {
        var html = Renderer.RenderAccepted("+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n+---+---+").Html;

        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("width", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_keeps_its_alignment_as_a_class_and_loses_every_other_style_with_a_warning()
    {
        var body = Renderer.Render("Text.\n\n<p style=\"text-align: center; color: red\">Centred</p>\n\n<td style=\"width: 20px\">x</td>\n", 5, out var problem);

        Assert.Null(problem);
        Assert.DoesNotContain("style=", body.Html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"align-center\">Centred</p>", body.Html, StringComparison.Ordinal);
        Assert.Contains(body.Warnings, w => w.Message.Contains("'color' style", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_page_of_a_build_has_no_inline_style_and_carries_the_csp_the_front_door_sends()
    {
        var result = await StaticSiteBuilderTests.Builder.BuildAsync(StaticSiteBuilderTests.Fixtures(), StaticSiteBuilderTests.Now);
        var meta = $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy.ForMeta(EmbedPolicy.Default).Replace("'", "&#x27;", StringComparison.Ordinal)}\">";

        foreach (var page in result.Pages.Where(p => p.ContentType.StartsWith("text/html", StringComparison.Ordinal)))
        {
            var html = Encoding.UTF8.GetString(page.Content);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
            Assert.True(html.Contains(meta, StringComparison.Ordinal), $"{page.Path} lacks the CSP meta element");
        }
    }

    [Fact]
    public void The_csp_names_the_sites_own_embed_hosts_after_the_default_providers()
    {
        var policy = ContentSecurityPolicy.ForHeader(new EmbedPolicy(["www.slideshare.net"]));

        Assert.Contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://codepen.io https://datawrapper.dwcdn.net https://flo.uri.sh https://e.infogram.com https://www.slideshare.net;", policy, StringComparison.Ordinal);
        Assert.EndsWith("; frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("frame-ancestors", ContentSecurityPolicy.ForMeta(EmbedPolicy.Default), StringComparison.Ordinal);
    }
}
