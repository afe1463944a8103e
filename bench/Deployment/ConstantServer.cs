using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlmOps.Bench.Deployment;

/// <summary>The peer: a bare <see cref="HttpListener"/> on loopback answering every request with the same small JSON.</summary>
public sealed class ConstantServer : IDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"label":"shipping","version":"constant"}""");

    private readonly HttpListener _listener = new();

    public ConstantServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (var drain = new MemoryStream())
                {
                    await context.Request.InputStream.CopyToAsync(drain);
                }

                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = Answer.Length;
                await context.Response.OutputStream.WriteAsync(Answer);
                context.Response.Close();
            });
        }
    }
}
