using System.Globalization;

namespace LlmOps.Tracking.Local;

/// <summary>What one push sent.</summary>
public sealed class PushResult
{
    /// <summary>Remote runs created (or adopted after an interrupted push).</summary>
    public int RunsCreated { get; set; }

    /// <summary>Metric points sent.</summary>
    public long MetricsPushed { get; set; }

    /// <summary>Artifact files uploaded.</summary>
    public int ArtifactsPushed { get; set; }

    /// <summary>Model versions registered on the server.</summary>
    public int ModelVersionsPushed { get; set; }

    /// <summary>Model versions left local because their source is a local file outside any run's artifacts.</summary>
    public int ModelVersionsSkipped { get; set; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RunsCreated} runs created, {MetricsPushed} metric points, {ArtifactsPushed} artifacts, {ModelVersionsPushed} model versions ({ModelVersionsSkipped} skipped)");
}
