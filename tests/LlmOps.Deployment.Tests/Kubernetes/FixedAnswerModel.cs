using System.Net;
using System.Text;

namespace LlmOps.Deployment.Tests;

/// <summary>Stands for the cluster's ingress in front of a served classifier: answers every request with one label.</summary>
public sealed class FixedAnswerModel : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _answer;

    public FixedAnswerModel(string label)
    {
        _answer = Encoding.UTF8.GetBytes($$"""{"label":"{{label}}","version":"cluster"}""");
        Address = new Uri($"http://127.0.0.1:{ServingBuild.FreePort()}/");
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
            try
            {
                var context = await _listener.GetContextAsync();
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(_answer);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
