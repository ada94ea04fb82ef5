using System.Text.Json;
using CovalentBond.Testing;

namespace CovalentBond.Infra.Tests;

/// <summary>
/// What would break a second deployment, checked offline on the compiled template (issue 14): the
/// custom domain stays on the route, role assignments survive a re-created app, the app's deployment
/// container exists before the app.
/// </summary>
[Trait("Category", "Tools")] // the Bicep compiler (restored with the project) or a shell
public sealed class DeploymentFixesTests
{
    private static async Task<JsonElement> CompiledAsync()
    {
        var result = await Bicep.RunAsync("build", RepositoryPaths.Combine("infra", "main.bicep"), "--stdout");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    /// <summary>Every resource of the template and of the templates its modules deploy.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        foreach (var resource in template.GetProperty("resources").EnumerateArray())
        {
            yield return resource;
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                foreach (var inner in Resources(resource.GetProperty("properties").GetProperty("template")))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonElement Single(JsonElement template, string type) =>
        Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == type);

    [Fact]
    public async Task The_route_references_the_custom_domain_declared_when_the_parameter_is_set()
    {
        var template = await CompiledAsync();

        Assert.True(template.GetProperty("parameters").TryGetProperty("customDomainHostName", out _));
        var domain = Single(template, "Microsoft.Cdn/profiles/customDomains");
        Assert.Equal("[not(empty(parameters('customDomainHostName')))]", domain.GetProperty("condition").GetString());
        Assert.Equal("ManagedCertificate", domain.GetProperty("properties").GetProperty("tlsSettings").GetProperty("certificateType").GetString());

        // Every route (the site, /api, /admin) keeps the domain.
        var routes = Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Cdn/profiles/afdEndpoints/routes").ToList();
        Assert.Equal(3, routes.Count);
        foreach (var route in routes)
        {
            var customDomains = route.GetProperty("properties").GetProperty("customDomains").GetString()!;
            Assert.StartsWith("[if(empty(parameters('customDomainHostName'))", customDomains, StringComparison.Ordinal);
            Assert.Contains("resourceId('Microsoft.Cdn/profiles/customDomains'", customDomains, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_role_assignment_name_omits_the_principal_id()
    {
        var template = await CompiledAsync();

        var assignments = Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").ToList();
        Assert.Equal(5, assignments.Count); // two copy loops (content, host), the site's account, Application Insights and the edge purge
        Assert.All(assignments, a => Assert.Contains("parameters('principalId')", a.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.Equal("[parameters('principalId')]", a.GetProperty("properties").GetProperty("principalId").GetString()));
    }

    [Fact]
    public async Task The_app_depends_on_its_deployment_container()
    {
        var template = await CompiledAsync();

        var app = Single(template, "Microsoft.Web/sites");
        Assert.Contains(app.GetProperty("dependsOn").EnumerateArray(), d =>
            d.GetString()!.Contains("blobServices/containers', variables('hostAccountName'), 'default', variables('deploymentContainer')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_front_doors_csp_allows_exactly_the_frames_posts_may_embed()
    {
        var template = await CompiledAsync();

        var hosts = template.GetProperty("variables").GetProperty("defaultEmbedHosts").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal<IEnumerable<string>>(CovalentBond.Publishing.Rendering.EmbedPolicy.DefaultHosts, hosts);
        var csp = Resources(template)
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Cdn/profiles/ruleSets/rules" && r.GetProperty("name").GetString()!.Contains("'AddSecurityHeaders'", StringComparison.Ordinal))
            .SelectMany(r => r.GetProperty("properties").GetProperty("actions").EnumerateArray())
            .Select(a => a.GetProperty("parameters"))
            .Single(p => p.TryGetProperty("headerName", out var name) && name.GetString() == "Content-Security-Policy")
            .GetProperty("value").GetString()!;
        // Compiled: [format('… frame-src {0}; … frame-ancestors ''none''', variables('frameSources'))]. With the default
        // hosts it is the policy every page carries in its meta element, and frame-ancestors (one CSP for every origin).
        Assert.StartsWith("[format('", csp, StringComparison.Ordinal);
        Assert.EndsWith("', variables('frameSources'))]", csp, StringComparison.Ordinal);
        var policy = csp["[format('".Length..^"', variables('frameSources'))]".Length]
            .Replace("''", "'", StringComparison.Ordinal)
            .Replace("{0}", string.Join(' ', hosts.Select(h => "https://" + h)), StringComparison.Ordinal);
        Assert.Equal(CovalentBond.Publishing.Rendering.ContentSecurityPolicy.ForHeader(CovalentBond.Publishing.Rendering.EmbedPolicy.Default), policy);
    }

    [Fact]
    public async Task The_app_may_purge_the_sites_front_door_profile_and_nothing_else_and_knows_its_endpoint()
    {
        var template = await CompiledAsync();

        var role = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleDefinitions").GetProperty("properties");
        var permission = Assert.Single(role.GetProperty("permissions").EnumerateArray().ToList());
        Assert.Equal(["Microsoft.Cdn/profiles/afdEndpoints/purge/action"], permission.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(permission.TryGetProperty("dataActions", out var data) ? data.EnumerateArray().ToList() : []);
        Assert.Equal("customRole", role.GetProperty("type").GetString());

        var assignment = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"
            && r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains("roleDefinitions", StringComparison.Ordinal)
            && r.TryGetProperty("scope", out var scope) && scope.GetString()!.Contains("Microsoft.Cdn/profiles", StringComparison.Ordinal));
        Assert.DoesNotContain("afdEndpoints", assignment.GetProperty("scope").GetString()!, StringComparison.Ordinal);

        // The app is told which endpoint to purge: the site's own.
        var site = Single(template, "Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").GetString()!;
        Assert.Contains("createObject('name', 'FrontDoor__EndpointId', 'value', resourceId('Microsoft.Cdn/profiles/afdEndpoints'", site, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_and_the_editor_are_on_the_sites_address_the_api_uncached_and_the_editor_with_its_own_csp()
    {
        var template = await CompiledAsync();
        var routes = Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Cdn/profiles/afdEndpoints/routes").ToList();
        JsonElement Route(string name) => Assert.Single(routes, r => r.GetProperty("name").GetString()!.Contains($"'{name}'", StringComparison.Ordinal)).GetProperty("properties");

        // /api/* goes to the Functions app and is never cached; the site keeps /*.
        var api = Route("api");
        Assert.Equal(["/api/*"], api.GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()));
        Assert.False(api.TryGetProperty("cacheConfiguration", out _));
        var apiOrigin = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Cdn/profiles/originGroups/origins"
            && r.GetProperty("name").GetString()!.Contains("'app'", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Web/sites", apiOrigin.GetProperty("properties").GetProperty("hostName").GetString(), StringComparison.Ordinal);
        Assert.Equal(["/*"], Route("site").GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()));

        // /admin is the static website's, under the editor's own CSP: the one covalent dev serves it with.
        var admin = Route("admin");
        Assert.Equal(["/admin", "/admin/*"], admin.GetProperty("patternsToMatch").EnumerateArray().Select(p => p.GetString()));
        // Compiled: [format('… connect-src ''self'' {0}; … form-action ''self'' {1}; …', variables('signInOrigin'), …)], the
        // origin of this cloud's login endpoint; in the public cloud, the policy covalent dev sends for Entra ID.
        var csp = template.GetProperty("variables").GetProperty("adminCsp").GetString()!;
        Assert.StartsWith("[format('", csp, StringComparison.Ordinal);
        const string Arguments = "', variables('signInOrigin'), variables('signInOrigin'))]";
        Assert.EndsWith(Arguments, csp, StringComparison.Ordinal);
        Assert.Contains("environment().authentication.loginEndpoint", template.GetProperty("variables").GetProperty("signInOrigin").GetString(), StringComparison.Ordinal);
        var policy = csp["[format('".Length..^Arguments.Length]
            .Replace("''", "'", StringComparison.Ordinal)
            .Replace("{0}", "https://login.microsoftonline.com", StringComparison.Ordinal)
            .Replace("{1}", "https://login.microsoftonline.com", StringComparison.Ordinal);
        Assert.Equal(CovalentBond.Cli.Local.AdminApp.ContentSecurityPolicy("https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"), policy);
        Assert.Contains("variables('adminCsp')", Resources(template)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Cdn/profiles/ruleSets/rules" && r.GetProperty("name").GetString()!.Contains("'AddAdminHeaders'", StringComparison.Ordinal))
            .GetProperty("properties").GetProperty("actions").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_static_website_is_part_of_the_template_in_an_account_of_its_own_behind_front_door()
    {
        var template = await CompiledAsync();

        var blobs = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/blobServices"
            && r.TryGetProperty("properties", out var properties) && properties.TryGetProperty("staticWebsite", out _));
        var website = blobs.GetProperty("properties").GetProperty("staticWebsite");
        Assert.True(website.GetProperty("enabled").GetBoolean());
        Assert.Equal("index.html", website.GetProperty("indexDocument").GetString());
        Assert.Equal("404.html", website.GetProperty("errorDocument404Path").GetString());

        // In the site's account, which keeps no versions of pages; the sources' account keeps them and serves nothing.
        Assert.Contains("variables('siteAccountName')", blobs.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.False(blobs.GetProperty("properties").TryGetProperty("isVersioningEnabled", out _));
        var content = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/blobServices"
            && r.GetProperty("name").GetString()!.Contains("variables('contentAccountName')", StringComparison.Ordinal));
        Assert.True(content.GetProperty("properties").GetProperty("isVersioningEnabled").GetBoolean());

        // Front Door reads from the site's account, and the app may write there.
        var origin = Assert.Single(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Cdn/profiles/originGroups/origins"
            && r.GetProperty("name").GetString()!.Contains("'site'", StringComparison.Ordinal)).GetProperty("properties").GetProperty("hostName").GetString()!;
        Assert.Contains("variables('siteAccountName')", origin, StringComparison.Ordinal);
        Assert.Contains(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"
            && r.GetProperty("scope").GetString()!.Contains("parameters('siteAccountName')", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ab", "BCP333")]
    [InlineData("covalentbondx", "BCP332")]
    public async Task A_name_of_the_wrong_length_is_refused_before_anything_is_deployed(string name, string diagnostic)
    {
        var folder = Directory.CreateTempSubdirectory("bicepparam-").FullName;
        try
        {
            var parameters = Path.Combine(folder, "test.bicepparam");
            // Bicep takes only relative paths in 'using'.
            var template = Path.GetRelativePath(folder, RepositoryPaths.Combine("infra", "main.bicep")).Replace('\\', '/');
            await File.WriteAllTextAsync(parameters, $"using '{template}'\nparam name = '{name}'\n");

            var result = await Bicep.RunAsync("build-params", parameters, "--stdout");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(diagnostic, result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Storage_account_names_keep_only_lowercase_letters_and_digits_of_the_name()
    {
        var template = await CompiledAsync();

        var variables = template.GetProperty("variables");
        var safe = variables.GetProperty("storageSafeName").GetString()!;
        Assert.Contains("toLower(substring(parameters('name')", safe, StringComparison.Ordinal);
        Assert.Contains("contains('abcdefghijklmnopqrstuvwxyz0123456789'", safe, StringComparison.Ordinal);
        Assert.Contains("variables('storageSafeName')", variables.GetProperty("contentAccountName").GetString(), StringComparison.Ordinal);
        Assert.Contains("variables('storageSafeName')", variables.GetProperty("hostAccountName").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("[take(", variables.GetProperty("contentAccountName").GetString(), StringComparison.Ordinal);
    }
}
