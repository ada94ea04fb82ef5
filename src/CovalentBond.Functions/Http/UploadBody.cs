using Microsoft.AspNetCore.Http;

namespace CovalentBond.Functions.Http;

/// <summary>An upload's body, read to its limit and no further: null when it is larger (the caller answers 413).</summary>
public static class UploadBody
{
    /// <remarks>
    /// The server's own body limit (Kestrel's 30,000,000 bytes) is set to this one first: an image of 35 MB is within
    /// <c>Media:MaxUploadBytes</c> (40 MB) but past Kestrel's, which threw mid-read and answered 500. Past
    /// <paramref name="limit"/> the body is not read further and the answer is 413, whichever limit notices first.
    /// </remarks>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
