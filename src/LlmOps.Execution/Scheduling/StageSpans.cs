using System.Diagnostics;

namespace LlmOps.Execution;

/// <summary>
/// Child spans of a running stage: materialising its inputs, its body and committing its outputs. The body's span is
/// the current activity while the body runs, so the spans of what it calls (containers, HTTP) nest under it. They
/// start only when a trace observer offers the stage's span context (as an <see cref="ActivityContext"/> service
/// through <see cref="IStageServiceSource"/>) and a tracer listens to <see cref="SourceName"/>; otherwise nothing.
/// </summary>
public static class StageSpans
{
    /// <summary>The activity source a tracer adds to receive these spans.</summary>
    public const string SourceName = "LlmOps.Execution";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? Start(string name, Func<Type, object?> service) =>
        service(typeof(ActivityContext)) is ActivityContext parent && parent != default
            ? Source.StartActivity(name, ActivityKind.Internal, parent)
            : null;
}
