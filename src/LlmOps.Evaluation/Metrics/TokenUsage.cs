using System.Globalization;

namespace LlmOps.Evaluation;

/// <summary>Per-answer token counts and cost from what the endpoint reported (<c>ChatResponse.Usage</c>).</summary>
internal static class TokenUsage
{
    public static double Input(EvalRecord record, string metric) => record.InputTokens ?? throw Missing(record, metric, "prompt");

    public static double Output(EvalRecord record, string metric) => record.OutputTokens ?? throw Missing(record, metric, "completion");

    public static Metric CostMetric(decimal inputPricePer1K, decimal outputPricePer1K)
    {
        if (inputPricePer1K < 0 || outputPricePer1K < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"token prices cannot be negative, got {inputPricePer1K} and {outputPricePer1K} per 1K"));
        }

        double inPrice = (double)inputPricePer1K, outPrice = (double)outputPricePer1K;
        return new PerExampleMetric(
            Metric.Cost,
            false,
            r => ((Input(r, Metric.Cost) * inPrice) + (Output(r, Metric.Cost) * outPrice)) / 1000,
            string.Create(CultureInfo.InvariantCulture, $"in={inputPricePer1K}/1K,out={outputPricePer1K}/1K"));
    }

    private static InvalidOperationException Missing(EvalRecord record, string metric, string which) =>
        new($"{metric} needs the {which} token count the endpoint reports with each answer (ChatResponse.Usage); example '{record.Example.Id}' has none");
}
