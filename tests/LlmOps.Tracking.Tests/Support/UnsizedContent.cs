using System.Net;
using System.Net.Http.Headers;

namespace LlmOps.Tracking.Tests.Support;

/// <summary>
/// A body whose length is not known up front, so HttpClient sends it with <c>Transfer-Encoding: chunked</c> and no
/// Content-Length: the framing MLflow 3.x behind uvicorn reads as an empty body.
/// </summary>
internal sealed class UnsizedContent : HttpContent
{
    private readonly byte[] _bytes;

    internal UnsizedContent(string text, string mediaType = "application/json")
    {
        _bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
