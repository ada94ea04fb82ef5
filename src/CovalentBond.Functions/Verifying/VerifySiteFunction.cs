using CovalentBond.Publishing.Verifying;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CovalentBond.Functions.Verifying;

/// <summary>
/// The scheduled verification (setting <c>VerifyCron</c>, default daily): every drift between sources,
/// index and site is logged as a warning; with <c>Verify__RepairOnSchedule</c> it is also repaired.
/// </summary>
public sealed partial class VerifySiteFunction(SiteVerifier verifier, IOptions<VerifyOptions> options, ILogger<VerifySiteFunction> logger)
{
    [Function("VerifySite")]
    public async Task RunAsync([TimerTrigger("%VerifyCron%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(options.Value.RepairOnSchedule, cancellationToken);
        foreach (var drift in report.Drifts)
        {
            LogDrift(logger, drift.Kind, drift.Subject, drift.Detail);
        }

        foreach (var warning in report.Warnings)
        {
            LogPostWarning(logger, warning);
        }

        LogDone(logger, report.Drifts.Count, report.Repaired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post warning (for its author): {Warning}")]
    private static partial void LogPostWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drift {Kind}: {Subject} ({Detail})")]
    private static partial void LogDrift(ILogger logger, DriftKind kind, string subject, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled verify: {Count} drifts; repaired: {Repaired}")]
    private static partial void LogDone(ILogger logger, int count, bool repaired);
}
