using Microsoft.Extensions.AI;

namespace LlmOps.Evaluation.Tests.Generation;

public sealed class ChatPredictorTests : IDisposable
{
    private readonly TempModel _model = new("chat");

    public void Dispose() => _model.Dispose();

    private static IReadOnlyList<EvalExample> Examples(int count) => TempModel.Examples(count);

    [Fact]
    public async Task Requests_run_at_most_the_declared_concurrency_at_once()
    {
        var client = new FakeChatClient(p => p.Replace("question", "answer", StringComparison.Ordinal));
        var predictor = new ChatPredictor(client) { Concurrency = 3 };

        var answers = await predictor.PredictAsync(_model.Model, Examples(24), _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal("answer 7", answers[7].Output);
        Assert.Equal(24, client.Calls);
        Assert.InRange(client.MostInFlight, 2, 3);
        Assert.All(answers, a => Assert.NotNull(a.LatencyMilliseconds));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_logged()
    {
        var client = new FakeChatClient(_ => "ok") { FailFirst = 2 };
        var log = new List<string>();
        var predictor = new ChatPredictor(client) { Concurrency = 1, RetryDelay = TimeSpan.FromMilliseconds(1) };

        var answers = await predictor.PredictAsync(_model.Model, Examples(3), log.Add, TestContext.Current.CancellationToken);

        Assert.All(answers, a => Assert.Equal("ok", a.Output));
        Assert.Equal(5, client.Calls);
        Assert.Equal(2, log.Count(l => l.Contains("503 Service Unavailable", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Re_evaluating_an_unchanged_model_asks_the_endpoint_nothing_and_a_changed_model_or_decoding_asks_again()
    {
        var cache = Path.Combine(_model.Root, "cache");
        var client = new FakeChatClient(p => p + " reply");
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 64 };
        var model = _model.Model;
        var token = TestContext.Current.CancellationToken;

        var first = await new ChatPredictor(client, options, cache).PredictAsync(model, Examples(5), _ => { }, token);
        var cached = new ChatPredictor(client, options, cache);
        var second = await cached.PredictAsync(model, Examples(5), _ => { }, token);

        Assert.Equal(5, client.Calls);
        Assert.Equal(5, cached.CacheHits);
        Assert.Equal(first.Select(a => (a.Output, a.LatencyMilliseconds)), second.Select(a => (a.Output, a.LatencyMilliseconds)));

        await new ChatPredictor(client, new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 64 }, cache).PredictAsync(model, Examples(5), _ => { }, token);
        Assert.Equal(10, client.Calls);

        File.WriteAllText(Path.Combine(model, "adapter.bin"), "weights v2");
        await new ChatPredictor(client, options, cache).PredictAsync(model, Examples(5), _ => { }, token);
        Assert.Equal(15, client.Calls);
    }
}
