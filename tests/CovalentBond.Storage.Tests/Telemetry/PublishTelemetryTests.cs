using System.Diagnostics;
using System.Text;
using CovalentBond.Publishing.Pipeline;
using CovalentBond.Publishing.Telemetry;
using CovalentBond.Testing;
using CovalentBond.Testing.InMemory;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CovalentBond.Storage.Tests.Telemetry;

/// <summary>One publish, seen through an in-memory OpenTelemetry exporter: its span with what it wrote, and the metrics.</summary>
[Collection(AzuriteTests.Name)]
[Trait("Category", "Integration")]
public sealed class PublishTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_publish_emits_a_span_with_its_outcome_pages_and_storage_requests_and_the_metrics_count_it()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(PublishingTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(PublishingTelemetry.Name).AddInMemoryExporter(metrics).Build();
        await using var site = await TestSite.CreateAsync(azurite.ConnectionString);
        var slug = "telemetry-" + Guid.NewGuid().ToString("N")[..8];

        var result = await site.Publisher.PublishAsync(PostUpload.FromHttp(
            Encoding.UTF8.GetBytes("---\ntitle: Seen\ndate: 2025-05-20\ntags: [Ukraine, Russia]\n---\nBody.\n"), slug, TestCallers.Editor));
        tracing.ForceFlush();
        meters.ForceFlush();

        var span = Assert.Single(spans, s => s.OperationName == "publish" && Equals(s.GetTagItem("covalent.subject"), slug));
        Assert.Equal("created", span.GetTagItem("covalent.outcome"));
        Assert.Equal(result.PagesWritten.Count, span.GetTagItem("covalent.pages_written"));
        Assert.True(result.PagesWritten.Count >= 12);
        Assert.Contains($"posts/{slug}/index.html", ((string)span.GetTagItem("covalent.pages")!).Split(' '));
        Assert.True(span.GetTagItem("covalent.storage_requests") is int requests && requests > 20, $"storage requests: {span.GetTagItem("covalent.storage_requests")}");

        long Sum(string name, string? operation = "publish") => metrics.Where(m => m.Name == name)
            .SelectMany(m => Points(m))
            .Where(p => operation is null || Tag(p, "operation") == operation)
            .Sum(p => p.GetSumLong());
        Assert.True(Sum("covalent.posts.published") >= 1);
        Assert.True(Sum("covalent.pages.written") >= result.PagesWritten.Count);
        Assert.True(Sum("covalent.storage.requests", operation: null) > 20);
        Assert.Contains(metrics, m => m.Name == "covalent.publish.duration");
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
