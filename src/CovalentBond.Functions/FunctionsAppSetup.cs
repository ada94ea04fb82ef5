using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CovalentBond.Functions.Http;
using CovalentBond.Identity;
using CovalentBond.Publishing.Telemetry;
using CovalentBond.Storage.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CovalentBond.Functions;

/// <summary>Everything <c>Program.cs</c> registers, in one place the tests can call too.</summary>
public static class FunctionsAppSetup
{
    /// <summary>The setting the platform gives the app when it has Application Insights.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static FunctionsApplicationBuilder AddCovalentBondFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCovalentBond(builder.Configuration);

        // Who may call the API: every HTTP function behind the gate (Entra ID token, roles); the others untouched.
        builder.Services.AddApiSignIn(builder.Configuration);
        builder.UseWhen<ApiGateMiddleware>(context => context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger"));

        // The worker's own spans and metrics (publish, republish batch, verify; posts, pages, storage
        // requests), exported to Application Insights with the app's identity (local auth is off there).
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(PublishingTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(PublishingTelemetry.Name))
            .UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[ApplicationInsightsSetting]))
        {
            telemetry.UseAzureMonitorExporter(options => options.Credential = new DefaultAzureCredential());
        }

        return builder;
    }
}
