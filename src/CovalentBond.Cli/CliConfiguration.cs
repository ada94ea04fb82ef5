using CovalentBond.Identity;
using System.CommandLine;
using CovalentBond.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CovalentBond.Cli;

/// <summary>
/// Where the CLI's settings come from, in order: the site file (<c>--site</c>, JSON with <c>Site</c> and
/// <c>Storage</c> sections), environment variables (<c>ContentStorage</c>, <c>Site__Name</c>, ...), then what
/// the command itself sets. Secrets such as connection strings are never command-line arguments.
/// </summary>
internal static class CliConfiguration
{
    public static Option<FileInfo?> SiteOption() => new("--site")
    {
        Description = "The site settings file (JSON with a 'Site' section). Default: site.json in the current folder, if there is one.",
    };

    public static Option<string?> ApiOption() => new("--api")
    {
        Description = "Work through a deployed site's HTTP API (https://<app>.azurewebsites.net) instead of storage. " +
            "The access token comes from COVALENT_TOKEN, never from the command line.",
    };

    public static IConfigurationRoot Build(FileInfo? siteFile, IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var file = siteFile ?? (File.Exists("site.json") ? new FileInfo("site.json") : null);
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliException($"the site settings file '{file.FullName}' does not exist");
            }

            builder.AddJsonFile(file.FullName, optional: false);
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>The <c>Media</c> section (upload limits, the ladder of widths, formats).</summary>
    public static Publishing.Media.MediaOptions Media(IConfiguration configuration)
    {
        var media = new Publishing.Media.MediaOptions();
        configuration.GetSection(Publishing.Media.MediaOptions.SectionName).Bind(media);
        return media;
    }

    public static bool HasStorage(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[StorageOptions.ConnectionName])
        || !string.IsNullOrWhiteSpace(configuration[$"{StorageOptions.ConnectionName}:blobServiceUri"]);

    /// <param name="configuration">The settings.</param>
    /// <param name="api">Also the API's sign-in (the token validator and the gate), for <c>covalent dev</c>'s <c>/api</c>.</param>
    /// <param name="clock">The clock the pipeline reads (schedules, "now" of lists and records); the system's unless a test moves time on.</param>
    /// <param name="purges">Where to print what the CDN would be asked to purge, when no Front Door is configured (<c>covalent dev</c>); null to only log it.</param>
    public static ServiceProvider Services(IConfiguration configuration, bool api = false, TimeProvider? clock = null, TextWriter? purges = null)
    {
        if (!HasStorage(configuration))
        {
            throw new CliException(
                $"no storage is configured: set the environment variable {StorageOptions.ConnectionName} to a connection string " +
                $"(or {StorageOptions.ConnectionName}__blobServiceUri and __tableServiceUri), or use 'covalent dev' to run everything locally");
        }

        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        collection.AddCovalentBond(configuration);
        if (purges is not null && string.IsNullOrWhiteSpace(configuration["FrontDoor:EndpointId"]))
        {
            collection.AddSingleton<Publishing.Ports.IEdgePurge>(new Local.DevEdgePurge(purges));
        }

        if (api)
        {
            collection.AddApiSignIn(configuration);
        }

        var services = collection.BuildServiceProvider();
        services.WarmUpCovalentBond();
        return services;
    }
}
