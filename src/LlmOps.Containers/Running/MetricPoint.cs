namespace LlmOps.Containers.Running;

/// <summary>One line of <c>/llmops/outputs/metrics.jsonl</c>: <c>{"name": "loss", "value": 0.42, "step": 100}</c>.</summary>
/// <param name="Name">Metric name.</param>
/// <param name="Value">Metric value.</param>
/// <param name="Step">Training step, when the trainer gave one.</param>
public sealed record MetricPoint(string Name, double Value, long? Step);
