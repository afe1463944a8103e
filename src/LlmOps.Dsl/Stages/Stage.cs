namespace LlmOps.Dsl;

/// <summary>
/// A stage of a pipeline, written in NUKE's style: <c>Stage Train =&gt; _ =&gt; _.DependsOn(Validate).Executes(...)</c>.
/// The delegate only records a definition; the planner evaluates it, the executor runs it.
/// </summary>
/// <param name="definition">The definition to configure.</param>
/// <returns>The configured definition.</returns>
public delegate IStageDefinition Stage(IStageDefinition definition);
