using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CovalentBond.Functions.Http;
using CovalentBond.Publishing.Republishing;
using CovalentBond.Publishing.Site;
using CovalentBond.Publishing.Verifying;
using CovalentBond.Storage.Hosting;
using CovalentBond.Testing;

namespace CovalentBond.Infra.Tests;

/// <summary>
/// The app settings in the Bicep template, in <c>local.settings.sample.json</c>, and the settings the
/// code reads have the same names: a renamed option or a typo in one place fails here, not in Azure.
/// </summary>
[Trait("Category", "Tools")] // the Bicep compiler (restored with the project) or a shell
public sealed class SettingsAgreementTests
{
    /// <summary>Settings the Functions host and the platform read, not our code.</summary>
    private static readonly string[] HostSettings =
        ["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    /// <summary>
    /// The content account, as a connection string or by identity (the code and the triggers read both forms), and the
    /// static website's own account (a local run keeps the site in the content account).
    /// </summary>
    private static readonly string[] ConnectionSettings =
    [
        StorageOptions.ConnectionName,
        .. new[] { "blobServiceUri", "tableServiceUri", "queueServiceUri", "clientId", "credential" }.Select(p => $"{StorageOptions.ConnectionName}__{p}"),
        StorageOptions.SiteConnectionName,
        .. new[] { "blobServiceUri", "clientId", "credential" }.Select(p => $"{StorageOptions.SiteConnectionName}__{p}"),
    ];

    private static bool IsHostSetting(string name) =>
        HostSettings.Contains(name) || name.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal);

    /// <summary>Every option the code binds (<c>Section__Property</c>; lists as <c>Section__Property__N</c>), and the timers' schedule settings.</summary>
    private static (HashSet<string> Exact, List<string> Prefixes) CodeSettings()
    {
        var exact = new HashSet<string>(ConnectionSettings, StringComparer.Ordinal);
        var prefixes = new List<string>();
        foreach (var (section, type) in new[]
        {
            (SiteOptions.SectionName, typeof(SiteOptions)),
            (StorageOptions.SectionName, typeof(StorageOptions)),
            (RepublishOptions.SectionName, typeof(RepublishOptions)),
            (VerifyOptions.SectionName, typeof(VerifyOptions)),
            (CovalentBond.Identity.Tokens.IdentityOptions.SectionName, typeof(CovalentBond.Identity.Tokens.IdentityOptions)),
            (CovalentBond.Storage.Edge.FrontDoorOptions.SectionName, typeof(CovalentBond.Storage.Edge.FrontDoorOptions)),
        })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                if (property.PropertyType != typeof(string) && property.PropertyType.IsAssignableTo(typeof(System.Collections.IEnumerable)))
                {
                    prefixes.Add($"{section}__{property.Name}__");
                }
                else
                {
                    exact.Add($"{section}__{property.Name}");
                }
            }
        }

        exact.UnionWith(TimerSettings());
        return (exact, prefixes);
    }

    /// <summary>The <c>%Setting%</c> names in the timer triggers of the built Functions app.</summary>
    private static IEnumerable<string> TimerSettings()
    {
        var metadata = RepositoryPaths.FunctionsMetadata(typeof(PublishPostFunction).Assembly.Location);
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        return json.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "timerTrigger")
            .Select(b => b.GetProperty("schedule").GetString()!.Trim('%'))
            .ToList();
    }

    /// <summary>
    /// The names of the app settings in the compiled template, with every parameter at its default. The list is a
    /// <c>concat</c> of literal settings and the copy loops of variables (the footer sections, one per parameter
    /// entry): the literal names are read off the expression, and each loop is expanded over its parameter's default.
    /// </summary>
    private static async Task<List<string>> BicepSettingsAsync()
    {
        var result = await Bicep.RunAsync("build", RepositoryPaths.Combine("infra", "main.bicep"), "--stdout");
        Assert.True(result.ExitCode == 0, result.Error);
        using var arm = JsonDocument.Parse(result.Output);
        var resources = arm.RootElement.GetProperty("resources");
        var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value).ToList() : resources.EnumerateArray().ToList();
        var site = Assert.Single(all, r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        var settings = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings");
        if (settings.ValueKind == JsonValueKind.Array)
        {
            return settings.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        }

        var expression = settings.GetString()!;
        var names = Regex.Matches(expression, @"createObject\('name', '([^']+)'").Select(m => m.Groups[1].Value).ToList();
        var loops = arm.RootElement.GetProperty("variables").TryGetProperty("copy", out var copy) ? copy.EnumerateArray().ToList() : [];
        foreach (var loop in loops.Where(l => expression.Contains($"variables('{l.GetProperty("name").GetString()}')", StringComparison.Ordinal)))
        {
            names.AddRange(ExpandCopyLoop(arm.RootElement, loop));
        }

        return names;
    }

    /// <summary>The setting names a variable's copy loop makes, <c>format('Prefix{0}', copyIndex())</c> over a parameter's default.</summary>
    private static IEnumerable<string> ExpandCopyLoop(JsonElement template, JsonElement loop)
    {
        var variable = loop.GetProperty("name").GetString();
        var parameter = Regex.Match(loop.GetProperty("count").GetString()!, @"^\[length\(parameters\('([^']+)'\)\)\]$");
        Assert.True(parameter.Success, $"{variable}: the loop's count is not the length of a parameter");
        var count = template.GetProperty("parameters").GetProperty(parameter.Groups[1].Value).GetProperty("defaultValue").GetArrayLength();
        var format = Regex.Match(loop.GetProperty("input").GetProperty("name").GetString()!, @"^\[format\('([^']+)', copyIndex\('[^']+'\)\)\]$");
        Assert.True(format.Success, $"{variable}: the setting name is not format('...{{0}}', copyIndex())");
        return Enumerable.Range(0, count).Select(i => string.Format(CultureInfo.InvariantCulture, format.Groups[1].Value, i));
    }

    private static List<string> SampleSettings()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
    }

    [Fact]
    public async Task Every_setting_in_the_template_and_the_sample_is_one_the_code_or_the_host_reads()
    {
        var (exact, prefixes) = CodeSettings();
        bool Known(string name) => IsHostSetting(name) || exact.Contains(name) || prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

        var unknown = (await BicepSettingsAsync()).Where(n => !Known(n)).Select(n => $"main.bicep: {n}")
            .Concat(SampleSettings().Where(n => !Known(n)).Select(n => $"local.settings.sample.json: {n}"))
            .ToList();
        Assert.True(unknown.Count == 0, "Settings nothing reads: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task The_template_and_the_sample_set_the_same_application_settings()
    {
        // The connection differs on purpose (identity in Azure, a connection string locally), as do host settings.
        static bool IsApplication(string name) => !IsHostSetting(name) && !ConnectionSettings.Contains(name);
        var bicep = (await BicepSettingsAsync()).Where(IsApplication).Order(StringComparer.Ordinal).ToList();
        var sample = SampleSettings().Where(IsApplication).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(sample, bicep);
    }

    [Fact]
    public async Task Both_reach_the_content_account_the_template_the_sites_own_too_and_both_schedule_every_timer()
    {
        var bicep = await BicepSettingsAsync();
        var sample = SampleSettings();

        Assert.Contains(StorageOptions.ConnectionName, sample);
        Assert.All(new[] { "blobServiceUri", "tableServiceUri", "queueServiceUri" }, p => Assert.Contains($"{StorageOptions.ConnectionName}__{p}", bicep));
        Assert.Contains($"{StorageOptions.SiteConnectionName}__blobServiceUri", bicep);
        Assert.DoesNotContain(StorageOptions.ConnectionName, bicep);
        Assert.DoesNotContain(bicep, n => n.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || n == "AzureWebJobsStorage");
        Assert.All(TimerSettings(), timer =>
        {
            Assert.Contains(timer, bicep);
            Assert.Contains(timer, sample);
        });
    }
}
