using Microsoft.Extensions.AI;

namespace LlmOps.Evaluation.Tests.Generation;

public sealed class TokenUsageTests : IDisposable
{
    private readonly TempModel _model = new("usage");

    public void Dispose() => _model.Dispose();

    // Example i is asked with 10 + i prompt tokens and answered with 2 * i completion tokens.
    private static FakeChatClient Client() => new(p => "answer")
    {
        Delay = TimeSpan.Zero,
        Usage = (prompt, _) =>
        {
            var i = int.Parse(prompt["question ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            return new UsageDetails { InputTokenCount = 10 + i, OutputTokenCount = 2 * i };
        },
    };

    private static async Task<Dictionary<string, double>> MeasureAsync(MetricSet metrics, IReadOnlyList<Prediction> answers)
    {
        var records = TempModel.Examples(answers.Count).Zip(answers, (e, a) => new EvalRecord(e, a.Output, a.Confidence, a.LatencyMilliseconds, a.InputTokens, a.OutputTokens)).ToList();
        var all = Enumerable.Range(0, records.Count).ToArray();
        var values = new Dictionary<string, double>();
        foreach (var metric in metrics.All)
        {
            values[metric.Name] = (await metric.MeasureAsync(records, TestContext.Current.CancellationToken)).Over(all);
        }

        return values;
    }

    [Fact]
    public async Task Tokens_and_cost_come_from_the_usage_the_endpoint_reports_and_survive_the_response_cache()
    {
        var token = TestContext.Current.CancellationToken;
        var cache = Path.Combine(_model.Root, "cache");
        var model = _model.Model;
        var metrics = new MetricSet().Tokens().Cost(inputPricePer1K: 0.5m, outputPricePer1K: 1.5m);
        var client = Client();

        var asked = await MeasureAsync(metrics, await new ChatPredictor(client, cacheDirectory: cache).PredictAsync(model, TempModel.Examples(5), _ => { }, token));
        var cached = await MeasureAsync(metrics, await new ChatPredictor(client, cacheDirectory: cache).PredictAsync(model, TempModel.Examples(5), _ => { }, token));

        // Prompt tokens 10..14 (mean 12), completion tokens 0..8 (mean 4): 12 * 0.5/1000 + 4 * 1.5/1000 = 0.012.
        Assert.Equal(12, asked[Metric.InputTokens], 12);
        Assert.Equal(4, asked[Metric.OutputTokens], 12);
        Assert.Equal(0.012, asked[Metric.Cost], 12);
        Assert.Equal(5, client.Calls);
        Assert.Equal(asked, cached);
    }

    [Fact]
    public async Task An_endpoint_that_reports_no_usage_fails_the_metric_naming_the_example()
    {
        var answers = await new ChatPredictor(new FakeChatClient(_ => "answer") { Delay = TimeSpan.Zero }).PredictAsync(_model.Model, TempModel.Examples(2), _ => { }, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MeasureAsync(new MetricSet().Cost(1, 1), answers));

        Assert.Contains("example 'e0'", error.Message);
        Assert.Contains("Usage", error.Message);
    }

    [Fact]
    public void The_declared_prices_are_part_of_the_cache_key_and_negative_prices_are_refused()
    {
        Assert.NotEqual(new MetricSet().Cost(1, 2).Describe(), new MetricSet().Cost(1, 3).Describe());
        Assert.Throws<ArgumentException>(() => new MetricSet().Cost(-1, 2));
    }
}
