using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;

namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>
/// A Docker.DotNet transport that records every request (method, path, body) and answers from a table,
/// so tests can see the exact bytes the library would send to the engine.
/// </summary>
public sealed class CapturingTransport : IDockerHandlerFactory<CapturingTransport.Options>
{
    public sealed record Options;

    public sealed record Captured(HttpMethod Method, string Path, string? Body);

    private readonly Func<string, (HttpStatusCode Status, string Json)> _answer;

    public CapturingTransport(Func<string, (HttpStatusCode Status, string Json)> answer) => _answer = answer;

    public List<Captured> Requests { get; } = [];

    public DockerClient Build(Version? apiVersion) =>
        new DockerClientBuilder<Options>(this, new Options())
            .WithEndpoint(new Uri("http://fake-engine.invalid"))
            .WithApiVersion(apiVersion)
            .Build();

    public ResolvedTransport CreateHandler(Options transportOptions, ResolvedClientOptions clientOptions, ILogger logger) =>
        new(new Handler(this), clientOptions.Endpoint);

    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        new(new Handler(this), clientOptions.Endpoint);

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) =>
        throw new NotSupportedException("The capturing transport does not hijack streams.");

    private sealed class Handler(CapturingTransport owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            lock (owner.Requests)
            {
                owner.Requests.Add(new Captured(request.Method, path, body));
            }

            var (status, json) = owner._answer(path);
            return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }
}
