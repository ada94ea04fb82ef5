using System.Net;
using CovalentBond.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CovalentBond.Functions.Tests.Http;

/// <summary>
/// Uploads are read up to the upload's own limit and answered 413 past it, through a real Kestrel (issue 26, finding 7):
/// Kestrel's default body limit of 30,000,000 bytes is below the images' 40 MB, and reading past it threw (500).
/// </summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private const long Limit = 40L * 1024 * 1024;

    private WebApplication app = null!;

    private HttpClient Client() => new() { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPut("/upload", async (HttpRequest request, CancellationToken cancellationToken) =>
            await UploadBody.ReadAsync(request, Limit, cancellationToken) is { } body
                ? Results.Text(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>A body of <paramref name="length"/> bytes sent without a Content-Length (chunked), as a streaming client sends it.</summary>
    private static HttpContent Chunked(long length) => new StreamContent(new ZeroStream(length));

    [Fact]
    public async Task An_image_of_35_MB_is_read_whole_though_it_is_past_kestrels_default_limit()
    {
        using var client = Client();
        using var response = await client.PutAsync("/upload", Chunked(35_000_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("35000000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_past_the_upload_limit_is_413_whether_or_not_it_says_its_length()
    {
        using var client = Client();
        // One byte past the limit, streamed: read to the limit and one more, then 413.
        using var chunked = await client.PutAsync("/upload", Chunked(Limit + 1));
        // A declared length past the limit: 413 before the body is sent (the client waits for 100-continue).
        using var request = new HttpRequestMessage(HttpMethod.Put, "/upload") { Content = new StreamContent(new ZeroStream(Limit + 1)) };
        request.Content.Headers.ContentLength = Limit + 1;
        request.Headers.ExpectContinue = true;
        using var withLength = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
    }

    /// <summary>A stream of zeros of a given length, made as it is read.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
