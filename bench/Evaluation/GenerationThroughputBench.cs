using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LlmOps.Evaluation;
using Microsoft.Extensions.AI;
using OpenAI;

/// <summary>
/// Generation throughput: the gate's <see cref="ChatPredictor"/> answering an eval set through the OpenAI-compatible
/// <see cref="IChatClient"/> against an in-process fake endpoint with a fixed latency per request, sequentially
/// (concurrency 1, the peer) and with bounded concurrency, in the same run. No response cache, so every answer is a
/// request. Usage: dotnet run -c Release --project bench/Evaluation -- generation [--requests 64] [--latency-ms 50]
/// [--concurrency 1,4,8,16].
/// </summary>
internal static class GenerationThroughputBench
{
    public static async Task RunAsync(string[] args)
    {
        var requests = int.Parse(Option(args, "--requests", "64"), CultureInfo.InvariantCulture);
        var latency = TimeSpan.FromMilliseconds(int.Parse(Option(args, "--latency-ms", "50"), CultureInfo.InvariantCulture));
        var levels = Option(args, "--concurrency", "1,4,8,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Prepend(1).Distinct().ToList();

        using var endpoint = new FakeOpenAiEndpoint(latency);
        var client = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = endpoint.BaseAddress })
            .GetChatClient("fake-model").AsIChatClient();
        var model = Directory.CreateTempSubdirectory("llmops-bench-model").FullName;
        File.WriteAllText(Path.Combine(model, "adapter.bin"), "weights");
        var examples = Enumerable.Range(0, requests).Select(i => new EvalExample($"e{i}", $"question {i}", null, new Dictionary<string, string>())).ToList();

        // Warm-up: JIT, the connection pool and the listener, outside the measurements.
        await new ChatPredictor(client) { Concurrency = 4 }.PredictAsync(model, examples.Take(8).ToList(), _ => { }, CancellationToken.None);

        Console.WriteLine($"Generation throughput: {requests} requests to an in-process OpenAI-compatible endpoint answering after {latency.TotalMilliseconds:0} ms, no response cache.");
        Console.WriteLine();
        Console.WriteLine("| concurrency | seconds | requests/s | throughput vs sequential | most in flight |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        double? sequential = null;
        foreach (var concurrency in levels)
        {
            endpoint.ResetMostInFlight();
            var clock = Stopwatch.StartNew();
            var answers = await new ChatPredictor(client) { Concurrency = concurrency }.PredictAsync(model, examples, _ => { }, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            if (answers.Count != requests || answers.Any(a => !a.Output.StartsWith("echo: question", StringComparison.Ordinal) || a.OutputTokens != 4))
            {
                throw new InvalidOperationException("the endpoint's answers (and their usage) did not come back one per example");
            }

            var rate = requests / seconds;
            sequential ??= rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {concurrency} | {seconds:0.000} | {rate:0.0} | {rate / sequential.Value:0.00}x | {endpoint.MostInFlight} |"));
        }

        Directory.Delete(model, recursive: true);
    }

    private static string Option(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    /// <summary>
    /// The smallest OpenAI-compatible <c>/v1/chat/completions</c>: echoes the last message after a fixed delay, with
    /// usage, over a real loopback socket, and counts the most requests it held at once.
    /// </summary>
    private sealed class FakeOpenAiEndpoint : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly TimeSpan _latency;
        private int _inFlight;
        private int _mostInFlight;

        public FakeOpenAiEndpoint(TimeSpan latency)
        {
            _latency = latency;
            var port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public Uri BaseAddress { get; }

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        public void ResetMostInFlight() => Volatile.Write(ref _mostInFlight, 0);

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        private async Task AcceptAsync()
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

                _ = Task.Run(() => AnswerAsync(context));
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, now, seen) != seen)
            {
            }

            try
            {
                using var request = await JsonDocument.ParseAsync(context.Request.InputStream);
                var prompt = request.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
                await Task.Delay(_latency);
                var body = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    id = "chatcmpl-bench",
                    @object = "chat.completion",
                    created = 0,
                    model = "fake-model",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = "echo: " + prompt }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = prompt.Length / 4, completion_tokens = 4, total_tokens = (prompt.Length / 4) + 4 },
                });
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
