namespace LlmOps.Dsl;

/// <summary>
/// The work of a stage. <c>Executes(ctx =&gt; ...)</c> is one kind of body; a stage kind (a container, a dataset
/// validation, an evaluation gate) is another, attached as a feature. A stage has exactly one: declaring a second is a
/// definition error naming both, because silently keeping the last one would drop work the reviewer saw declared.
/// </summary>
public interface IStageBody
{
    /// <summary>The declaration that supplied the body, as a reviewer reads it: <c>Executes</c>, <c>InContainer</c>, <c>Validates</c>.</summary>
    string Kind { get; }

    /// <summary>Runs the stage's work.</summary>
    /// <param name="context">The running stage: inputs, outputs, log, metrics, cancellation.</param>
    /// <param name="stage">The stage's declaration, read-only.</param>
    Task RunAsync(StageContext context, IStageDeclaration stage);
}
