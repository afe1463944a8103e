using System.Net.Http.Json;

namespace LlmOps.Deployment.Tests;

/// <summary>
/// Clients sending classification requests to the stable address in a loop until stopped, counting every request
/// that did not come back 200 with a label: the "zero failed requests" of a blue/green switch.
/// </summary>
public sealed class RequestStream : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _sent;
    private int _failed;
    private readonly List<string> _failures = [];

    public RequestStream(Uri address, int clients = 4) =>
        _clients = [.. Enumerable.Range(0, clients).Select(_ => Task.Run(() => LoopAsync(address)))];

    public int Sent => _sent;

    public int Failed => _failed;

    public IReadOnlyList<string> Failures => _failures;

    public async Task<RequestStream> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync(Uri address)
    {
        while (!_stop.IsCancellationRequested && _sent < 100_000)
        {
            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await _http.PostAsJsonAsync(new Uri(address, "/v1/classify"), new { text = "where is my parcel" });
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !body.Contains("\"label\"", StringComparison.Ordinal))
                {
                    Fail($"{(int)response.StatusCode} {body}");
                }
            }
            catch (HttpRequestException e)
            {
                Fail(e.Message);
            }
            catch (TaskCanceledException e)
            {
                Fail("timeout: " + e.Message);
            }
        }
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _failed);
        lock (_failures)
        {
            _failures.Add(why);
        }
    }
}
