using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>The fluent surface a stage definition is written against.</summary>
public interface IStageDefinition
{
    /// <summary>A one-line description shown by <c>--help</c>, <c>--plan</c> and in emitted workflows.</summary>
    IStageDefinition Description(string description);

    /// <summary>Stages that must run (and succeed) before this one; they are pulled into every plan that runs this stage.</summary>
    IStageDefinition DependsOn(params Stage[] stages);

    /// <summary>Ordering only: when both run, this stage runs after <paramref name="stages"/>; they are not pulled in.</summary>
    IStageDefinition After(params Stage[] stages);

    /// <summary>Ordering only: when both run, this stage runs before <paramref name="stages"/>.</summary>
    IStageDefinition Before(params Stage[] stages);

    /// <summary>Stages that run after this one whenever this one runs.</summary>
    IStageDefinition Triggers(params Stage[] stages);

    /// <summary>This stage runs after any of <paramref name="stages"/> whenever they run.</summary>
    IStageDefinition TriggeredBy(params Stage[] stages);

    /// <summary>
    /// A condition decided at plan time (parameters are known then). A stage whose condition is false is
    /// skipped and the condition's text is shown as the reason.
    /// </summary>
    IStageDefinition OnlyWhenStatic(Expression<Func<bool>> condition);

    /// <summary>A condition decided just before the stage would start, after its dependencies ran.</summary>
    IStageDefinition OnlyWhenDynamic(Expression<Func<bool>> condition);

    /// <summary>Parameters that must have a value; all missing names are reported at once before anything runs.</summary>
    IStageDefinition Requires(params Expression<Func<object?>>[] parameters);

    /// <summary>When this stage fails, independent stages still run and the run reports the failure at the end.</summary>
    IStageDefinition ProceedAfterFailure();

    /// <summary>This stage runs even when a stage before it failed (cleanup, notifications).</summary>
    IStageDefinition AssuredAfterFailure();

    /// <summary>Artifacts this stage reads; consuming an artifact implies a dependency on its producer.</summary>
    IStageDefinition Consumes(params ArtifactRef[] artifacts);

    /// <summary>Artifacts this stage writes; each artifact has exactly one producer.</summary>
    IStageDefinition Produces(params ArtifactRef[] artifacts);

    /// <summary>Files or folders (relative to the pipeline folder) whose content is part of the cache key.</summary>
    IStageDefinition Inputs(params string[] paths);

    /// <summary>
    /// Files or folders outside the artifact store that the stage writes (a deployment target), relative to the
    /// pipeline folder or absolute. A cache hit requires them as the stage left them: deleted or changed, it runs again.
    /// </summary>
    IStageDefinition Outputs(params string[] paths);

    /// <summary>Environment variables whose values are part of the cache key.</summary>
    IStageDefinition Environment(params string[] variableNames);

    /// <summary>
    /// Parameters that affect this stage beyond those its body reads directly (which are found automatically),
    /// for example when a helper reads them through reflection.
    /// </summary>
    IStageDefinition UsesParameters(params Expression<Func<object?>>[] parameters);

    /// <summary>The stage runs every time, never from cache; the reason is shown in dry runs.</summary>
    IStageDefinition NotCached(string reason);

    /// <summary>The stage fails when it runs longer than <paramref name="timeout"/>; emitted CI jobs get the same limit.</summary>
    IStageDefinition Timeout(TimeSpan timeout);

    /// <summary>The work of the stage; a stage has exactly one body (Executes, InContainer, Validates, ...).</summary>
    IStageDefinition Executes(Action<StageContext> action);

    /// <summary>The work of the stage; a stage has exactly one body (Executes, InContainer, Validates, ...).</summary>
    IStageDefinition Executes(Func<StageContext, Task> action);

    /// <summary>
    /// Attaches a feature (container spec, validation rules, deployment environment, ...) that a library adds
    /// to the DSL through an extension method. One feature per type; a later call replaces an earlier one, except
    /// that a feature which is the stage's body (<see cref="IStageBody"/>) cannot join another body.
    /// </summary>
    IStageDefinition With<TFeature>(TFeature feature) where TFeature : class;

    /// <summary>Reads back a feature attached with <see cref="With{TFeature}(TFeature)"/>.</summary>
    TFeature? Feature<TFeature>() where TFeature : class;

    /// <summary>The declaration recorded so far, read-only, for stage kinds that read what else the stage declares.</summary>
    IStageDeclaration Declaration { get; }
}
