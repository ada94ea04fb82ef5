using System.Reflection;
using System.Text.Json;
using CovalentBond.Functions.Http;
using CovalentBond.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Tests;

[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class FunctionsAppTests(AzuriteFixture azurite)
{
    private static readonly Assembly App = typeof(PublishPostFunction).Assembly;

    /// <summary>Every method the worker would expose, by its [Function] name.</summary>
    private static Dictionary<string, MethodInfo> FunctionMethods() =>
        App.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name, x => x.Method);

    [Fact]
    public async Task The_container_built_like_Program_cs_resolves_every_function_class()
    {
        await using var host = FunctionsTestHost.Create(azurite.ConnectionString);

        var classes = FunctionMethods().Values.Where(m => !m.IsStatic).Select(m => m.DeclaringType!).Distinct().ToList();

        Assert.NotEmpty(classes);
        foreach (var type in classes)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Fact]
    public async Task With_Application_Insights_configured_the_worker_exports_its_own_spans_and_metrics_to_Azure_Monitor()
    {
        await using var host = FunctionsTestHost.Create(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            [FunctionsAppSetup.ApplicationInsightsSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:1/",
        });

        // The tracer and meter providers, with the Azure Monitor exporter, are built from the app's container
        // (a bad exporter configuration throws here) and listen to the publishing source.
        var tracing = host.Services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>();
        var metrics = host.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>();
        Assert.NotNull(tracing);
        Assert.NotNull(metrics);
        using var activity = CovalentBond.Publishing.Telemetry.PublishingTelemetry.Source.StartActivity("publish");
        Assert.NotNull(activity); // null when no provider listens to the source
    }

    [Fact]
    public void The_worker_starts_with_the_default_theme_and_a_warning_when_the_theme_container_cannot_be_read()
    {
        // Nothing listens on port 1, as when the app's role assignments are still propagating.
        const string unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        var logs = new RecordingLoggerProvider();

        // Built and warmed up as Program.cs does it; not disposed through its storage, which is unreachable.
        var host = FunctionsTestHost.Create(unreachable, builder => builder.Logging.AddProvider(logs));
        try
        {
            Assert.Same(CovalentBond.Publishing.Theme.Theme.Default, host.Services.GetRequiredService<CovalentBond.Publishing.Theme.CurrentTheme>().Theme);
            Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
                && e.Message.Contains("starting with the default theme", StringComparison.Ordinal));
        }
        finally
        {
            host.Host.Dispose();
        }
    }

    [Fact]
    public void Functions_metadata_lists_every_function_with_its_trigger_and_HTTP_goes_through_the_gate_not_a_key()
    {
        var metadataPath = RepositoryPaths.FunctionsMetadata(App.Location);
        using var metadata = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var listed = metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Equal(FunctionMethods().Keys.Order(), listed.Keys.Order());
        foreach (var (name, function) in listed)
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            if (trigger.GetProperty("type").GetString() == "httpTrigger")
            {
                // No shared key: the host lets the call in, and the gate (token, roles) decides by the function's action.
                Assert.True(trigger.GetProperty("authLevel").GetString() == "Anonymous", $"{name} must leave access to the gate, not a key");
                Assert.True(CovalentBond.Functions.Http.ApiRoutes.ActionOf(name) is not null, $"{name} has no action in ApiRoutes");
            }
        }

        var http = listed["PublishPost"].GetProperty("bindings")[0];
        Assert.Equal("posts/{slug}", http.GetProperty("route").GetString());
        Assert.Equal(["put"], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));

        var blob = listed["PublishPostFromBlob"].GetProperty("bindings")[0];
        Assert.Equal("blobTrigger", blob.GetProperty("type").GetString());
        Assert.Equal("posts/{name}", blob.GetProperty("path").GetString());
        Assert.Equal("ContentStorage", blob.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", blob.GetProperty("source").GetString());

        foreach (var (function, queueName) in new[] { ("ApplyScheduledChange", "post-schedule"), ("RepublishBatch", "republish") })
        {
            var queue = listed[function].GetProperty("bindings")[0];
            Assert.Equal("queueTrigger", queue.GetProperty("type").GetString());
            Assert.Equal(queueName, queue.GetProperty("queueName").GetString());
            Assert.Equal("ContentStorage", queue.GetProperty("connection").GetString());
        }

        // A timer's schedule comes from a setting, which the sample settings must define as valid NCRONTAB (six fields).
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");
        foreach (var timer in listed.Values.Select(f => f.GetProperty("bindings")[0]).Where(b => b.GetProperty("type").GetString() == "timerTrigger"))
        {
            var setting = timer.GetProperty("schedule").GetString()!.Trim('%');
            Assert.True(values.TryGetProperty(setting, out var cron), $"local.settings.sample.json does not define {setting}");
            Assert.Equal(6, cron.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        }
    }
}
