namespace LlmOps.Tracking;

/// <summary>Builds the tag sets both trackers put on pipeline and stage runs, so they look the same in MLflow after a push.</summary>
internal static class TrackerTags
{
    internal const string PipelineKind = "pipeline";
    internal const string StageKind = "stage";

    internal static Dictionary<string, string> ForPipeline(string pipelineName, string pipelineRunId, IReadOnlyDictionary<string, string>? extra)
    {
        var tags = Copy(extra);
        tags[SystemTags.RunName] = pipelineName;
        tags[SystemTags.Pipeline] = pipelineName;
        tags[SystemTags.PipelineRunId] = pipelineRunId;
        tags[SystemTags.RunKind] = PipelineKind;
        return tags;
    }

    internal static Dictionary<string, string> ForStage(RunHandle parent, string stageName, IReadOnlyDictionary<string, string>? extra)
    {
        var tags = Copy(extra);
        tags[SystemTags.RunName] = stageName;
        tags[SystemTags.Stage] = stageName;
        tags[SystemTags.ParentRunId] = parent.RunId;
        tags[SystemTags.RunKind] = StageKind;
        return tags;
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string>? extra)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null)
        {
            foreach (var (k, v) in extra)
            {
                TrackingValidation.Key(k, "tag");
                tags[k] = TrackingValidation.Truncate(v, TrackingValidation.MaxTagValueLength);
            }
        }

        return tags;
    }
}
