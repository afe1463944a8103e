namespace LlmOps.Planning;

/// <summary>What <c>--skip</c> asked for: nothing, every stage but the targets (bare <c>--skip</c>), or named stages.</summary>
public sealed class SkipSelection
{
    private SkipSelection(bool allButTargets, IReadOnlySet<StageModel> stages)
    {
        AllButTargets = allButTargets;
        Stages = stages;
    }

    /// <summary>No stage is skipped.</summary>
    public static SkipSelection None { get; } = new(false, new HashSet<StageModel>());

    /// <summary>Every stage except the targets is skipped, as NUKE's bare <c>--skip</c> does.</summary>
    public static SkipSelection AllExceptTargets { get; } = new(true, new HashSet<StageModel>());

    /// <summary>Whether every stage but the targets is skipped.</summary>
    public bool AllButTargets { get; }

    /// <summary>The named stages.</summary>
    public IReadOnlySet<StageModel> Stages { get; }

    /// <summary>Skips the named stages.</summary>
    public static SkipSelection Of(IEnumerable<StageModel> stages) => new(false, stages.ToHashSet());
}
