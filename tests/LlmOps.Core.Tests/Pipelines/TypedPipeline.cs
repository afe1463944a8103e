namespace LlmOps.Core.Tests.Pipelines;

/// <summary>How thoroughly to evaluate; an enum parameter.</summary>
public enum EvalMode
{
    Fast,
    Thorough,
}

/// <summary>One parameter of every supported type, public so tests can read the values the loader assigned.</summary>
public sealed class TypedPipeline : Pipeline
{
    [Parameter("Training passes")]
    public int Epochs = 3;

    [Parameter]
    public long Seed = 7;

    [Parameter("Step size")]
    public double LearningRate = 0.01;

    [Parameter]
    public bool Shuffle;

    [Parameter]
    public EvalMode Mode = EvalMode.Fast;

    [Parameter("Wall-clock budget")]
    public TimeSpan Budget = TimeSpan.FromMinutes(1);

    [Parameter]
    public FileInfo? Dataset;

    [Parameter]
    public DirectoryInfo? OutputDir;

    [Parameter]
    public string[] Tags = [];

    [Parameter]
    public int[] Layers = [1];

    [Parameter]
    public Uri? Endpoint;

    [Parameter]
    public int? MaxSteps;

    [Parameter(Name = "lr-decay")]
    public double Decay = 0.5;

    [Parameter]
    public string Note { get; init; } = "none";

    Stage Show => _ => _.Executes(Trace.Mark);
}
