using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>
/// A small but faithful MLflow tracking server on 127.0.0.1 (Kestrel, port 0), answering as the recorded transcripts
/// of MLflow 2.10.2, 2.17.2 and 3.6 show. It keeps experiments, runs, metrics, artifacts and the registry in memory.
/// </summary>
public sealed partial class FakeMlflowServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeFault> _faults = new();
    private long _requests;
    private long _chunkedJsonRequests;
    private long _frozenRequests;
    private volatile FreezeRule? _freeze;

    private FakeMlflowServer(WebApplication app, MlflowServerVersion version)
    {
        _app = app;
        Version = version;
    }

    public MlflowServerVersion Version { get; }

    public Uri BaseUri { get; private set; } = null!;

    public FakeMlflowStore Store { get; } = new();

    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>JSON requests whose body came chunked, without a Content-Length (MLflow 3.x reads those as empty).</summary>
    public long ChunkedJsonRequests => Interlocked.Read(ref _chunkedJsonRequests);

    public ConcurrentDictionary<string, int> RequestsByEndpoint { get; } = new(StringComparer.Ordinal);

    /// <summary>Authorization headers seen, to check the client sends credentials (tests only read, never print them).</summary>
    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    public static async Task<FakeMlflowServer> StartAsync(MlflowServerVersion version = MlflowServerVersion.V3_6)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var server = new FakeMlflowServer(app, version);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address);
        return server;
    }

    public void InjectFault(FakeFault fault) => _faults.Enqueue(fault);

    /// <summary>
    /// From now on, requests whose path contains <paramref name="pathPart"/> (all when null) get no answer for
    /// <paramref name="bound"/>, as a hung server; the bound keeps a client without a timeout from hanging the tests.
    /// </summary>
    public void Freeze(TimeSpan bound, string? pathPart = null) => _freeze = new FreezeRule(bound, pathPart);

    /// <summary>Requests that met a frozen server.</summary>
    public long FrozenRequests => Interlocked.Read(ref _frozenRequests);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _requests);
        var path = ctx.Request.Path.Value ?? "/";
        RequestsByEndpoint.AddOrUpdate($"{ctx.Request.Method} {path}", 1, (_, n) => n + 1);
        if (ctx.Request.Headers.Authorization.Count > 0)
        {
            AuthorizationHeaders.Enqueue(ctx.Request.Headers.Authorization.ToString());
        }

        if (_freeze is { } freeze && (freeze.PathPart is null || path.Contains(freeze.PathPart, StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _frozenRequests);
            try
            {
                await Task.Delay(freeze.Bound, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        FakeFault? fault = null;
        if (_faults.TryPeek(out var next) && path.EndsWith(next.PathSuffix, StringComparison.Ordinal) && _faults.TryDequeue(out fault) && fault.Delay > TimeSpan.Zero)
        {
            // A slow server has the whole request and works on it after the client gave up: take the body in first, as a
            // closed connection may not let it be read later.
            ctx.Request.EnableBuffering();
            await ctx.Request.Body.CopyToAsync(Stream.Null);
            ctx.Request.Body.Position = 0;
            await Task.Delay(fault.Delay);
            fault = null;
        }
        else if (fault is { AfterApplying: false })
        {
            await WriteErrorAsync(ctx, fault.Status, fault.Status == 429 ? "REQUEST_LIMIT_EXCEEDED" : "TEMPORARILY_UNAVAILABLE", "injected failure before applying");
            return;
        }

        var realBody = ctx.Response.Body;
        if (fault is { AfterApplying: true })
        {
            // Do the work into a throw-away body, so the answer can still be replaced by the failure.
            ctx.Response.Body = new MemoryStream();
        }

        try
        {
            await DispatchAsync(ctx, path);
        }
        catch (FakeError error)
        {
            ctx.Response.Body = realBody;
            ctx.Response.Clear();
            await WriteErrorAsync(ctx, error.Status, error.Code, error.Message);
            return;
        }

        if (fault is { AfterApplying: true })
        {
            // The work is done but the client sees a failure: the case where a blind retry would duplicate data.
            ctx.Response.Body = realBody;
            ctx.Response.Clear();
            await WriteErrorAsync(ctx, fault.Status, "INTERNAL_ERROR", "injected failure after applying");
        }
    }

    private sealed record FreezeRule(TimeSpan Bound, string? PathPart);
}
